// A tiny service: it greets and reports how it was called.
package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	fmt.Println("hello from a", strings.ToUpper("tiny"), "image; args:", len(os.Args)-1, "")
}
