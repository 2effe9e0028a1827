//! What the `os` module does where proclab differs from python3 on purpose (no shell, no real
//! file system beyond the program's own): each case says why.

#[path = "vm_host.rs"]
mod vm_host;

/// `os.system` has no shell to run: it says so on stderr and returns a shell's "not found"
/// status, so that a program that shells out (a tutorial's `ping` sweep) still runs.
/// Not a python3 comparison: python3 does run the command.
#[test]
fn os_system_says_there_is_no_shell() {
    let out = vm_host::run(
        "import os\nr = os.system('ping -c1 10.0.0.1')\nprint(r, os.WEXITSTATUS(r))\n",
    );
    assert_eq!(out.stdout, "32512 127\n");
    assert_eq!(
        out.stderr,
        "proclab: os.system() cannot run \"ping -c1 10.0.0.1\": there is no shell here\n"
    );
    assert_eq!(out.code, 0);
}
