// Package users is a test stub of a Microsoft Graph SDK request builder.
package users

import "context"

type UsersRequestBuilder struct{}

func (b *UsersRequestBuilder) ByUserId(id string) *UserItemRequestBuilder {
	return &UserItemRequestBuilder{}
}

type UserItemRequestBuilder struct{}

func (b *UserItemRequestBuilder) Get(ctx context.Context) (any, error) { return nil, nil }
func (b *UserItemRequestBuilder) Delete(ctx context.Context) error     { return nil }
func (b *UserItemRequestBuilder) URL() string                          { return "" }
