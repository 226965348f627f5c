fn main() {
    println!("undoc");
}
