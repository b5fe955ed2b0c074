// Package legacy stands for a third-party client the user configured as
// blocking (AIO200).
package legacy

type Client struct{}

func Fetch(key string) (string, error)           { return key, nil }
func Parse(key string) string                    { return key }
func (c *Client) Get(key string) (string, error) { return key, nil }
