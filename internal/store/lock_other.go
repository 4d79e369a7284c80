//go:build !unix

package store

// LockExclusive has no advisory lock on this platform; SQLite's own locking
// still keeps the file consistent.
func LockExclusive(path string) (release func(), err error) { return func() {}, nil }
