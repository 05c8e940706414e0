// Command oracle answers parity requests (JSON lines on stdin) as the Go half
// would; the TypeScript fuzz tests compare their own answers with it.
package main

import (
	"fmt"
	"os"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/internal/parity"
)

func main() {
	if err := parity.Serve(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
