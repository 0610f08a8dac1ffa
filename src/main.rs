fn main() {
    tifa::start();
}
