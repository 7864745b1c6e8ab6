// Command kino is an offline desktop film studio.
package main

import "kino/app"

func main() { app.Main() }
