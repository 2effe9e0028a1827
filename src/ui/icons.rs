//! The page's few icons, drawn as inline SVG rather than as text symbols (▶ ■ ⤓ ⤢ ☾ ☀): a
//! symbol that the page's font lacks sends the browser searching the system's fonts for it
//! (on a Linux machine with DejaVu Sans, ▶, ■, ⤓ and ⤢ all did, and the page's first layout
//! took 60-80 ms instead of 15), and it looks different on every system. These take the
//! button's text colour and size (`.icon` in www/style.css) and are hidden from screen
//! readers: every button that has one also has a text or an `aria-label`.
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Icon {
    Play,
    Stop,
    Download,
    Fit,
    Moon,
    Sun,
}

/// The icon as an `<svg>` 1em high, in `currentColor`.
pub fn icon(which: Icon) -> Html {
    // Paths on a 16 x 16 grid.
    let (fill, path) = match which {
        Icon::Play => (true, "M4 2.5v11l9.5-5.5z"),
        Icon::Stop => (true, "M3.5 3.5h9v9h-9z"),
        Icon::Download => (false, "M8 2v8.5M4.5 7 8 10.5 11.5 7M3 13.5h10"),
        Icon::Fit => (
            false,
            "M9.5 2.5h4v4M13.5 2.5 9 7M6.5 13.5h-4v-4M2.5 13.5 7 9",
        ),
        Icon::Moon => (
            true,
            "M10.5 1.8a6.5 6.5 0 1 0 3.7 10.4A5.3 5.3 0 0 1 10.5 1.8z",
        ),
        Icon::Sun => (
            false,
            "M8 5.2a2.8 2.8 0 1 0 0 5.6 2.8 2.8 0 1 0 0-5.6zM8 1v1.8M8 13.2V15M1 8h1.8M13.2 8H15\
             M3 3l1.3 1.3M11.7 11.7 13 13M3 13l1.3-1.3M11.7 4.3 13 3",
        ),
    };
    let (fill, stroke) = if fill {
        ("currentColor", "none")
    } else {
        ("none", "currentColor")
    };
    html! {
      <svg class="icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true"
           fill={fill} stroke={stroke} stroke-width="1.6" stroke-linecap="round"
           stroke-linejoin="round">
        <path d={path} />
      </svg>
    }
}
