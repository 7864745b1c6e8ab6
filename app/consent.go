package app

import (
	"context"
	"path/filepath"

	"kino/engine/render"
	"kino/project"
	"kino/project/keyring"
	"kino/project/sqlite"
)

// KeysDir is where this person's consent key lives (mode 0700; the key
// file 0600): DataDir()/keys.
func KeysDir() string { return filepath.Join(DataDir(), "keys") }

// consentKey returns this person's consent signing key, creating it on
// first use.
func consentKey() (*keyring.Key, error) { return keyring.LoadOrCreate(KeysDir()) }

// signerOrNil returns the consent key, or nil when it cannot be read: the
// store then refuses what needs a signature, saying so.
func signerOrNil() project.ConsentSigner {
	s, _ := signer()
	return s
}

// signer returns the consent key, or nil and why it cannot be used.
func signer() (project.ConsentSigner, error) {
	k, err := consentKey()
	if err != nil {
		return nil, err
	}
	return k, nil
}

// consentLibrary returns the library to judge consent with, for commands
// that only read it: the open library, or, when it cannot be opened, a
// stand-in that makes every consent check fail closed with the reason.
// close must be called.
func consentLibrary() (lib render.ConsentSource, open *sqlite.Library, close func()) {
	l, err := openLibrary()
	if err != nil {
		return render.BrokenLibrary{Err: err}, nil, func() {}
	}
	return l, l, func() { l.Close() }
}

// syncConsent brings the library's newer consent records (revocations
// above all) into project p, so the project knows of them even when it
// is later copied to another machine. A library that cannot be opened is
// passed over here: consent checks then fail closed on their own.
func syncConsent(ctx context.Context, p *sqlite.Project, lib *sqlite.Library) error {
	if p.ReadOnly() {
		return nil
	}
	if lib == nil {
		l, err := openLibrary()
		if err != nil {
			return nil
		}
		defer l.Close()
		lib = l
	}
	facts, err := lib.ConsentFacts(ctx)
	if err != nil {
		return nil
	}
	_, err = p.SyncConsent(ctx, facts.Records, facts.Trusted...)
	return err
}

// consentBehind reports whether the library holds a consent record newer
// than any project p keeps for one of its cameos (a revocation made while
// p was closed, say). A library that cannot be read says nothing here.
func consentBehind(ctx context.Context, p *sqlite.Project) bool {
	lib, err := openLibrary()
	if err != nil {
		return false
	}
	defer lib.Close()
	lf, err := lib.ConsentFacts(ctx)
	if err != nil {
		return false
	}
	pf, err := p.ConsentFacts(ctx)
	if err != nil {
		return false
	}
	seen := map[string]uint64{}
	for _, r := range pf.Records {
		seen[r.CameoID] = max(seen[r.CameoID], r.Consent.Seq)
	}
	for _, pin := range pf.Pins {
		seen[pin.CameoID] = max(seen[pin.CameoID], pin.MaxSeq)
	}
	for _, r := range lf.Records {
		if s, ok := seen[r.CameoID]; ok && r.Consent.Seq > s {
			return true
		}
	}
	return false
}
