package licenseid

import (
	"os"
	"testing"
)

func TestIdentify(t *testing.T) {
	for file, want := range map[string]string{
		"../../analyzers/attribution/testdata/licenses/MIT.txt":          "MIT",
		"../../analyzers/attribution/testdata/licenses/Apache-2.0.txt":   "Apache-2.0",
		"../../analyzers/attribution/testdata/licenses/CC-BY-4.0.txt":    "CC-BY-4.0",
		"../../analyzers/attribution/testdata/licenses/CC-BY-SA-4.0.txt": "CC-BY-SA-4.0",
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if got := Identify(data); got != want {
			t.Errorf("%s: %q, want %q", file, got, want)
		}
		if got := Quick(data); got != want {
			t.Errorf("%s: Quick %q, want %q (common licenses must not need licensecheck)", file, got, want)
		}
	}
	if got := Identify([]byte("All rights reserved. Do not copy.")); got != "" {
		t.Errorf("not a license: %q", got)
	}
	if got := Identify(nil); got != "" {
		t.Errorf("empty: %q", got)
	}
}
