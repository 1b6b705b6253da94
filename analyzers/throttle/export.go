package throttle

import (
	"go/types"
	"slices"
)

// exportFacts records what other packages need: the summaries of the
// exported functions, the clients they return, the types this package
// converts to interfaces and the clients it constructs.
func (p *passState) exportFacts() {
	for _, obj := range p.order {
		// Only exported functions and methods can be reached from other
		// packages (unexported methods cannot satisfy another package's
		// interface), so only they carry facts.
		if !obj.Exported() {
			continue
		}
		if s := p.summaries[obj]; s != nil {
			p.exportSummary(obj, s)
		}
		if isCollection(obj) {
			if k, ok := p.funcLenBound(obj, 0); ok {
				p.pass.ExportObjectFact(obj, &lenFact{Max: k})
			}
		}
		if kind := clientKindOfResult(obj); kind != "" {
			if v := p.returnedProv(obj, 0); v.Known {
				p.pass.ExportObjectFact(obj, &clientFact{Prov: v})
			}
		}
	}
	if len(p.converted) > 0 {
		keys := make([]string, 0, len(p.converted))
		for k := range p.converted {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		p.pass.ExportPackageFact(&convertedFact{Types: keys})
	}
	byKind := map[string][]prov{}
	for _, call := range p.constructions {
		if v, k, ok := p.ctorProv(call, p.callee(call), 0); ok && v.Known {
			byKind[k] = append(byKind[k], v)
		}
	}
	if len(byKind) > 0 {
		var fact installsFact
		for _, k := range []string{kindHTTP, kindRetryable, kindGitHub, kindGitHubV4, kindKiota} {
			if vs := byKind[k]; len(vs) > 0 {
				fact.Kinds = append(fact.Kinds, kindProv{Kind: k, Prov: join(vs)})
			}
		}
		p.pass.ExportPackageFact(&fact)
	}
}

func (p *passState) exportSummary(obj *types.Func, s *summary) {
	if len(s.uses) > 0 {
		f := &apiFact{}
		for _, u := range s.uses {
			f.Uses = append(f.Uses, factUse{Family: u.fam.name(), Count: u.count, Inner: u.inner, Reactive: u.reactive,
				May: u.may, Paced: u.paced, Rate: u.rate, Chain: u.chain})
		}
		p.pass.ExportObjectFact(obj, f)
	}
	if len(s.sends) > 0 || len(s.returns) > 0 {
		f := &urlFact{Returns: s.returns}
		for _, u := range s.sends {
			sink := ""
			if n := len(u.chain.Hops); n > 0 {
				sink = u.chain.Hops[n-1]
			}
			f.Sends = append(f.Sends, urlParam{Index: u.param, Sink: sink, Reactive: u.reactive, Paced: u.paced, Rate: u.rate})
		}
		p.pass.ExportObjectFact(obj, f)
	}
	if s.throttle != nil || s.reactive {
		f := &throttleFact{Reactive: s.reactive}
		if s.throttle != nil {
			f.Throttles, f.Rate = true, *s.throttle
		}
		p.pass.ExportObjectFact(obj, f)
	}
	if len(s.params) > 0 {
		p.pass.ExportObjectFact(obj, &callsParamFact{Params: s.params})
	}
}

// clientKindOfResult returns the client kind of a function's first
// result, or "".
func clientKindOfResult(f *types.Func) string {
	res := f.Type().(*types.Signature).Results()
	if res.Len() == 0 {
		return ""
	}
	if k := clientKindOfType(res.At(0).Type()); k != "" {
		return k
	}
	if implementsRoundTripper(res.At(0).Type()) {
		return kindHTTP
	}
	return ""
}

// isCollection reports a function whose first result is a slice, map or
// array.
func isCollection(f *types.Func) bool {
	res := f.Type().(*types.Signature).Results()
	if res.Len() == 0 {
		return false
	}
	switch res.At(0).Type().Underlying().(type) {
	case *types.Slice, *types.Map, *types.Array:
		return true
	}
	return false
}
