package throttle

import (
	"testing"
	"time"

	"github.com/toslint/toslint/rules"
)

func TestHostOf(t *testing.T) {
	tests := []struct {
		s          string
		full       bool
		host, path string
		ok         bool
	}{
		{"https://api.security.microsoft.com/api/machines/", false, "api.security.microsoft.com", "/api/machines/", true},
		{"https://API.Security.Microsoft.com", true, "api.security.microsoft.com", "", true},
		{"https://api.security.microsoft", false, "", "", false}, // the host may go on
		{"http://user@ghe.example.test:8443/api/v3/repos", false, "ghe.example.test", "/api/v3/repos", true},
		{"//graph.microsoft.com/v1.0/me", false, "graph.microsoft.com", "/v1.0/me", true},
		{"api.github.com/repos", true, "", "", false}, // no scheme
	}
	for _, tt := range tests {
		host, path, ok := hostOf(tt.s, tt.full)
		if host != tt.host || path != tt.path || ok != tt.ok {
			t.Errorf("hostOf(%q) = %q, %q, %v", tt.s, host, path, ok)
		}
	}
}

func TestFamilyOfURL(t *testing.T) {
	c := &config{pol: rules.DefaultPolicy()}
	c.prepare()
	if f, _ := c.familyOfURL("https://api.securitycenter.windows.com/api/alerts", false); f == nil || f.name() != "mde" {
		t.Errorf("legacy host not mde: %v", f)
	}
	if f, _ := c.familyOfURL("https://example.test/api/alerts", false); f != nil {
		t.Errorf("other host matched %s", f.name())
	}
}

func TestRateMath(t *testing.T) {
	minute := time.Minute
	tests := []struct {
		r    Rate
		m    int
		want float64
	}{
		{Rate{Kind: rateBucket, PerSec: 1e9 / float64(600*time.Millisecond), Burst: 1}, 1, 101},
		{Rate{Kind: rateBucket, PerSec: 1e9 / float64(610*time.Millisecond), Burst: 1}, 1, 1 + 60/0.61},
		{Rate{Kind: rateBucket, PerSec: 2, Burst: 2, Tokens: 2}, 1, 61},
		{Rate{Kind: rateInterval, Interval: 600 * time.Millisecond}, 1, 100},
		{Rate{Kind: rateInterval, Interval: time.Second}, 2, 120},
	}
	for _, tt := range tests {
		if got := tt.r.maxCalls(minute, tt.m); got < tt.want-1e-6 || got > tt.want+1e-6 {
			t.Errorf("%v ×%d: %v calls per minute, want %v", tt.r, tt.m, got, tt.want)
		}
	}
	if (Rate{}).known() || !(Rate{Kind: rateInterval, Interval: time.Second}).known() {
		t.Error("known() wrong")
	}
}

func TestCounts(t *testing.T) {
	if mulCount(unbounded, 2) != unbounded || mulCount(3, 0) != 0 || addCount(unbounded, 1) != unbounded || mulCount(1<<20, 1<<20) != unbounded {
		t.Error("counts do not saturate")
	}
}
