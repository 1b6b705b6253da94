package throttle

import (
	"fmt"
	"strings"
)

// chain is how a call reaches an API: hops from the call site to the
// sink, such as ["fetchAll", "mdeclient.Machine", "net/http.Get on
// api.security.microsoft.com"]. It keeps at most the first two and the
// last two hops and counts the ones between, so that chains, facts and
// messages stay the same size however deep the call graph is.
type chain struct {
	Hops []string // up to maxHeadHops head hops, then up to maxTailHops tail hops
	More int      // hops left out between the head and the tail
}

const (
	maxHeadHops = 2
	maxTailHops = 2
)

// sinkChain is the chain of a call to the API itself.
func sinkChain(hop string) chain { return chain{Hops: []string{hop}} }

// prepend adds a hop in front: the chain as seen one call further from
// the API. When the chain is full, the hop after the head is left out.
func (c chain) prepend(hop string) chain {
	hops := make([]string, 0, len(c.Hops)+1)
	hops = append(hops, hop)
	hops = append(hops, c.Hops...)
	more := c.More
	if len(hops) > maxHeadHops+maxTailHops {
		hops = append(hops[:maxHeadHops:maxHeadHops], hops[maxHeadHops+1:]...)
		more++
	}
	return chain{Hops: hops, More: more}
}

// String renders "calls a → b → … 3 more → y → z".
func (c chain) String() string {
	if len(c.Hops) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("calls ")
	for i, h := range c.Hops {
		if i > 0 {
			b.WriteString(" → ")
		}
		if i == maxHeadHops && c.More > 0 {
			fmt.Fprintf(&b, "… %d more → ", c.More)
		}
		b.WriteString(h)
	}
	return b.String()
}

// len returns the number of hops, counting the ones left out.
func (c chain) len() int { return len(c.Hops) + c.More }
