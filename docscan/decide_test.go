package docscan

import (
	"reflect"
	"testing"
)

// regexpOnly returns a copy of m that decides every candidate with the
// regexp, as find did before decide.
func regexpOnly(m *matcher) *matcher {
	c := *m
	c.byAnchor = map[[2]byte]*anchored{}
	for k, a := range m.byAnchor {
		slow := *a
		slow.quick = false
		c.byAnchor[k] = &slow
	}
	c.anchors = newAnchorTable(c.byAnchor)
	return &c
}

var decideSeeds = []string{
	"PowerShell, PowerShell's and PowerShells; Powershell and power-shell.",
	"Use Azure AD (now Microsoft Entra ID), AzureAD, AAD, aad and Azure  Active Directory.",
	"Windows, windows, Windows' files, Windows10, Windows_x and Windows-based tools.",
	"GitHub's Github GitHub_Actions GitHubs GitHubes github.com MS Teams, Microsoft Teams’ app.",
	"Microsoft Defender for Endpoint (formerly Windows Defender ATP) and Microsoft Defender.",
	"ｗindows, Wİndows, PowerShelſ, café Azure, naïve PowerShell’s",
	"Office365 Office 365 OneDrive Onedrive One Drive SharePoint Share-Point",
}

// TestDecideAgreesWithRegexp checks that find decides, without the
// regexp, exactly as the regexp does.
func TestDecideAgreesWithRegexp(t *testing.T) {
	m := newMatcher(ownersOf(defaultPolicy().Packs()))
	slow := regexpOnly(m)
	quick := 0
	for _, a := range m.byAnchor {
		if a.quick {
			quick++
		}
	}
	if quick == 0 {
		t.Fatal("no anchor of the default packs decides without the regexp: the test checks nothing")
	}
	for _, s := range decideSeeds {
		if got, want := m.find(s), slow.find(s); !reflect.DeepEqual(got, want) {
			t.Errorf("find(%q):\n got  %v\n want %v", s, got, want)
		}
	}
}

func FuzzDecideAgreesWithRegexp(f *testing.F) {
	for _, s := range decideSeeds {
		f.Add(s)
	}
	m := newMatcher(ownersOf(defaultPolicy().Packs()))
	slow := regexpOnly(m)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := m.find(s), slow.find(s); !reflect.DeepEqual(got, want) {
			t.Errorf("find(%q):\n got  %v\n want %v", s, got, want)
		}
	})
}
