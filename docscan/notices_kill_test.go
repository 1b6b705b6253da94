package docscan_test

// Tests written to kill mutants that scripts/mutation-covered.sh found
// alive (see helpers_kill_test.go), through the whole scan.

import (
	"os"
	"path/filepath"
	"testing"
)

// The trademark statement TOS405 asks for names the marks the docs use:
// one mark used three times, or the first three of many (sorted).
func TestAttributionStatementMarks(t *testing.T) {
	for _, tt := range []struct {
		readme, want string
	}{
		{
			"# Tool\n\nIt reads Microsoft Azure logs. Microsoft Azure keeps them. Set up Microsoft Azure first.\n",
			"README.md:1:1: TOS405 the docs use Microsoft marks (Microsoft Azure) but no README or notices file says whose marks they are: add a trademark statement, such as \"Microsoft Azure is a trademark of Microsoft\"\n",
		},
		{
			"# Tool\n\nIt reads Microsoft Defender for Endpoint alerts, stores them in Microsoft Azure, edits them in Visual Studio Code, and runs in PowerShell.\n",
			"README.md:1:1: TOS405 the docs use Microsoft marks (Microsoft Azure, Microsoft Defender for Endpoint, PowerShell) but no README or notices file says whose marks they are: add a trademark statement, such as \"Microsoft Azure, Microsoft Defender for Endpoint and PowerShell are trademarks of Microsoft\"\n",
		},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "LICENSE"), []byte("x\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "README.md"), []byte(tt.readme), 0o644)
		if got := scanDir(t, dir); got != tt.want {
			t.Errorf("%q:\ngot  %q\nwant %q", tt.readme, got, tt.want)
		}
	}
}
