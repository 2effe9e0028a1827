//! Downloads made in the page: the trace (Chrome trace-event JSON, which Perfetto and
//! chrome://tracing open) and the console as plain text.

use wasm_bindgen::JsCast;

/// What the trace download is called.
pub const TRACE_FILE: &str = "proclab-trace.json";
/// What the console download is called.
pub const CONSOLE_FILE: &str = "proclab-console.txt";

/// Offers `text` as a download named `filename`: a Blob URL clicked through a temporary `<a
/// download>`, the one way that works in every browser without a server round trip.
pub fn download(filename: &str, mime: &str, text: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    // The click has started the download: the URL can go (a later tick, for Firefox's sake).
    let _ = crate::js::Timeout::new(1000.0, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .map(std::mem::forget);
}
