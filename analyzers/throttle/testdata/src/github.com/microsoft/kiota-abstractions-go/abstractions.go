// Package abstractions is a test stub of kiota-abstractions-go.
package abstractions

type RequestAdapter interface {
	BaseURL() string
}

type AuthenticationProvider interface{}
