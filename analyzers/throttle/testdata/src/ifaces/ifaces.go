// want package:`converted\[ifaces.holder\]`
// Package ifaces calls an interface method the pack names.
package ifaces

type Getter interface{ Get(id string) error }

func loop(g Getter, ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the acme API \(Acme API: 10 calls per minute\)`
		g.Get(id)
	}
}

func bounded(g Getter) {
	for i := 0; i < 10; i++ { // ten calls: at the limit
		g.Get("x")
	}
	for i := 0; i < 11; i++ { // want `TOS101: loop runs 11 times and makes 11 calls`
		g.Get("x")
	}
}

// holder embeds a Getter, so its Get is the pack's interface method; a
// call through another interface that holder meets reaches it.
type holder struct{ Getter }

type fetcher interface{ Get(id string) error }

var _ fetcher = holder{}

func viaEmbedded(f fetcher, ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the acme API`
		f.Get(id)
	}
}
