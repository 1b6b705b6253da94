// Package users is a test stub of a Microsoft Graph SDK request builder.
package users

import "context"

type UserItemRequestBuilder struct{}

func (b *UserItemRequestBuilder) Get(ctx context.Context) (any, error) { return nil, nil }
func (b *UserItemRequestBuilder) URL() string                          { return "" }
