package policy_test

// Tests written from the mutants scripts/mutation.sh found alive or not
// covered: what a pack author or a plugin user sees from durations,
// owner settings and pack lookup.

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/toslint/toslint/internal/policy"
)

func TestDurationHuman(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Second:             "second",
		time.Minute:             "minute",
		time.Hour:               "hour",
		10 * time.Minute:        "10 minutes",
		90 * time.Second:        "90 seconds",
		2 * time.Hour:           "2 hours",
		1500 * time.Millisecond: "1.5s",
		0:                       "0s",
	} {
		if got := policy.Duration(d).Human(); got != want {
			t.Errorf("Duration(%v).Human() = %q, want %q", d, got, want)
		}
	}
}

func TestDurationUnmarshalText(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"60s": time.Minute, "10m": 10 * time.Minute, "1h30m": 90 * time.Minute,
		"0s": 0, // min_interval: 0s means no pause
	} {
		var d policy.Duration
		if err := d.UnmarshalText([]byte(in)); err != nil || d.D() != want {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", in, d.D(), err, want)
		}
	}
	var d policy.Duration
	err := d.UnmarshalText([]byte("ten minutes"))
	if err == nil || err.Error() != `bad duration "ten minutes" (write it like 60s, 10m or 1h)` {
		t.Errorf("bad duration: %v", err)
	}
}

func TestPackByName(t *testing.T) {
	p := policy.New(policy.Options{Packs: []*policy.Pack{{Name: "a"}, {Name: "b"}}})
	if pk, ok := p.Pack("b"); !ok || pk.Name != "b" {
		t.Errorf("Pack(b) = %v, %v", pk, ok)
	}
	if pk, ok := p.Pack("c"); ok || pk != nil {
		t.Errorf("Pack(c) = %v, %v; want none", pk, ok)
	}
}

func TestOwnerSetting(t *testing.T) {
	for in, want := range map[string]policy.OwnerSetting{
		`true`: policy.OwnerYes, `false`: policy.OwnerNo, `null`: policy.OwnerAuto,
		`"auto"`: policy.OwnerAuto, `"TRUE"`: policy.OwnerYes, `" Acme Corp. "`: "Acme Corp.",
	} {
		var o policy.OwnerSetting
		if err := json.Unmarshal([]byte(in), &o); err != nil || o != want {
			t.Errorf("json %s = %q, %v; want %q", in, o, err, want)
		}
	}
	for _, in := range []string{`3`, `"a/b"`, `{`} {
		var o policy.OwnerSetting
		if err := json.Unmarshal([]byte(in), &o); err == nil {
			t.Errorf("json %s accepted as %q", in, o)
		}
	}
	for o, want := range map[policy.OwnerSetting][2]string{
		policy.OwnerAuto: {"auto", ""}, policy.OwnerYes: {"true", ""},
		policy.OwnerNo: {"false", ""}, "Acme": {"Acme", "Acme"},
	} {
		if o.String() != want[0] || o.Named() != want[1] {
			t.Errorf("%q: String %q Named %q, want %q", string(o), o.String(), o.Named(), want)
		}
		if b, _ := o.MarshalText(); string(b) != string(o) {
			t.Errorf("%q: MarshalText %q", string(o), b)
		}
	}
}
