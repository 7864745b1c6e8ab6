// Package keyring keeps the person's consent signing key: an Ed25519 key
// in their data directory, created on first use and readable by them
// alone. Kino signs the consent records of the cameos this person makes
// with it (see project.Consent.Sign).
package keyring

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"kino/project"
)

// FileName is the key's file name inside the keys folder.
const FileName = "consent-ed25519.pem"

// maxKeyFile bounds what is read of a key file.
const maxKeyFile = 16 << 10

// Key is a consent signing key. It implements project.ConsentSigner.
type Key struct {
	priv ed25519.PrivateKey
	path string
}

var _ project.ConsentSigner = (*Key)(nil)

// PublicKey returns the key's public half.
func (k *Key) PublicKey() ed25519.PublicKey { return k.priv.Public().(ed25519.PublicKey) }

// Sign signs message.
func (k *Key) Sign(message []byte) []byte { return ed25519.Sign(k.priv, message) }

// Fingerprint returns the public key's fingerprint (project.KeyFingerprint).
func (k *Key) Fingerprint() string { return project.KeyFingerprint(k.PublicKey()) }

// Path returns the file the key was read from ("" for a key made in memory).
func (k *Key) Path() string { return k.path }

// Generate returns a new key held only in memory (for tests and tools).
func Generate() *Key {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(fmt.Sprintf("keyring: generating a key: %v", err)) // crypto/rand does not fail
	}
	return &Key{priv: priv}
}

// FromSeed returns the key with the 32-byte seed (for tests).
func FromSeed(seed []byte) *Key { return &Key{priv: ed25519.NewKeyFromSeed(seed)} }

// LoadOrCreate returns the key in dir, creating dir (mode 0700) and the
// key file (mode 0600) when there is none. A key file that others can read
// or write is refused: anyone who can read it can sign in this person's
// name.
func LoadOrCreate(dir string) (*Key, error) {
	path := filepath.Join(dir, FileName)
	k, err := Load(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return k, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating the keys folder %s: %w", dir, err)
	}
	key := Generate()
	der, err := x509.MarshalPKCS8PrivateKey(key.priv)
	if err != nil {
		return nil, fmt.Errorf("encoding the consent key: %w", err)
	}
	data := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	// Write under a temporary name and link it into place, so two Kinos
	// starting at once agree on one key: the loser reads the winner's.
	tmp, err := os.CreateTemp(dir, ".consent-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("creating the consent key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err == nil {
		_, err = tmp.Write(data)
		if err == nil {
			err = tmp.Sync()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("writing the consent key: %w", err)
		}
	} else {
		tmp.Close()
		return nil, fmt.Errorf("protecting the consent key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("saving the consent key %s: %w", path, err)
	}
	return Load(path)
}

// Load reads the key in the PEM file at path.
func Load(path string) (*Key, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > maxKeyFile {
		return nil, project.Errorf(project.EINVALID, "the consent key %s is not a key file", path)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm()&0o077 != 0 {
		return nil, project.Errorf(project.EINVALID, "the consent key %s can be read by others (mode %04o); only you may read it: chmod 600 %s", path, st.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the consent key: %w", err)
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, project.Errorf(project.ECORRUPT, "the consent key %s is not a PEM private key", path)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, project.WrapError(project.ECORRUPT, err, "the consent key %s is damaged", path)
	}
	priv, ok := parsed.(ed25519.PrivateKey)
	if !ok {
		return nil, project.Errorf(project.ECORRUPT, "the consent key %s is not an Ed25519 key", path)
	}
	return &Key{priv: priv, path: path}, nil
}
