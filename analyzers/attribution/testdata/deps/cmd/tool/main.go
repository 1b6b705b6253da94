// Command tool links a dependency whose MIT license asks for its notice
// in every copy; the module has no notices file naming it.
package main

import "example.test/dep"

func main() { dep.Hello() }
