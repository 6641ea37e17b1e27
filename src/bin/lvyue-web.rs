//! The web app's entry point, built by Trunk for wasm32 (see index.html).

fn main() {
    lvyue::ui::start();
}
