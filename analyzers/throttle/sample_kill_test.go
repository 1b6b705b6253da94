package throttle

import (
	"strings"
	"testing"
	"time"

	"github.com/toslint/toslint/rules"
)

// Tests for survivors of the seeded mutant sample (scripts/mutation-covered.sh
// analyzers/throttle 150 16).

// A limiter's explanation names the tokens a pass takes only when it takes
// more than one (rate.go explain).
func TestExplainTokens(t *testing.T) {
	one := Rate{Kind: rateBucket, PerSec: 2, Burst: 1, Tokens: 1}.explain(time.Minute, 1)
	if strings.Contains(one, "tokens a pass") {
		t.Errorf("one token a pass is explained as %q", one)
	}
	two := Rate{Kind: rateBucket, PerSec: 2, Burst: 1, Tokens: 2}.explain(time.Minute, 1)
	if !strings.Contains(two, " / 2 tokens a pass") {
		t.Errorf("two tokens a pass are explained as %q", two)
	}
}

// When a pass makes as many calls as the window allows, the advice is one
// pass a window, not a division by zero (rate.go adviceInterval).
func TestAdviceWholeWindow(t *testing.T) {
	c := &config{pol: rules.DefaultPolicy()}
	c.prepare()
	mde := c.family("mde") // 100 calls a minute
	if got := adviceInterval(mde, 100); got != time.Minute {
		t.Errorf("adviceInterval(mde, 100) = %v, want 1m0s", got)
	}
	if got := adviceInterval(mde, 200); got != time.Minute {
		t.Errorf("adviceInterval(mde, 200) = %v, want 1m0s (a pass over the limit cannot be paced under it)", got)
	}
}
