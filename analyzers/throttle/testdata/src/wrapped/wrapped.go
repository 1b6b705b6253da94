// want package:`converted\[\*wrapped.Client\]`
// Package wrapped has a client type the test config names as a wrapper of
// the mde API.
package wrapped

type Client struct{ base string }

func (c *Client) Machine(id string) error { return nil }

func loop(c *Client, ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the mde API`
		c.Machine(id)
	}
}

// machineGetter is met by the wrapper: a call through it is a call of
// the wrapper, whatever the wrapper's own code shows.
type machineGetter interface{ Machine(id string) error }

var _ machineGetter = (*Client)(nil)

func loopThroughInterface(g machineGetter, ids []string) {
	for _, id := range ids { // want `TOS101: loop calls the mde API`
		g.Machine(id)
	}
}
