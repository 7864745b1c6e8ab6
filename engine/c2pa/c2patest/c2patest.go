// Package c2patest reads files with the C2PA reference implementation,
// c2pa-rs, for tests: the prebuilt Node.js module of
// @contentauth/c2pa-node that `make deps` fetches into .deps/c2pa-node
// (packaging/fetch-c2pa-node.sh), loaded by node.
package c2patest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Asset is a file to read, with the sidecar manifest store that goes
// with it (empty for embedded credentials).
type Asset struct {
	Path    string `json:"path"`
	Sidecar string `json:"sidecar,omitempty"`
}

// Result is what c2pa-rs says about one file.
type Result struct {
	Path string `json:"path"`
	// NoManifest is set when c2pa-rs finds no Content Credentials.
	NoManifest bool `json:"no_manifest"`
	// Error is c2pa-rs's error when it cannot read the file at all.
	Error string `json:"error"`
	// State is the validation state: "Invalid", "Valid" or "Trusted".
	State string `json:"state"`
	// Failures and Successes are the active manifest's status codes.
	Failures  []string `json:"failures"`
	Successes []string `json:"successes"`
	// Manifest is the active manifest as c2pa-rs reports it.
	Manifest struct {
		ClaimVersion       int `json:"claim_version"`
		ClaimGeneratorInfo []struct {
			Name    string `json:"name"`
			Version string `json:"version"`
		} `json:"claim_generator_info"`
		Title      string `json:"title"`
		Assertions []struct {
			Label string          `json:"label"`
			Data  json.RawMessage `json:"data"`
		} `json:"assertions"`
		Ingredients []struct {
			Title        string `json:"title"`
			Relationship string `json:"relationship"`
			InstanceID   string `json:"instance_id"`
		} `json:"ingredients"`
		SignatureInfo struct {
			Alg        string `json:"alg"`
			Issuer     string `json:"issuer"`
			CommonName string `json:"common_name"`
		} `json:"signature_info"`
	} `json:"manifest"`
}

// Assertion returns the data of the assertion with the label, or nil.
func (r *Result) Assertion(label string) json.RawMessage {
	for _, a := range r.Manifest.Assertions {
		if a.Label == label {
			return a.Data
		}
	}
	return nil
}

// Has reports whether c2pa-rs reported the failure code.
func (r *Result) Has(code string) bool {
	for _, c := range r.Failures {
		if c == code {
			return true
		}
	}
	return false
}

// ValidButUntrusted reports whether c2pa-rs found the credentials valid
// with one failure only: a signer it does not trust.
func (r *Result) ValidButUntrusted() bool {
	return r.Error == "" && !r.NoManifest && r.State == "Valid" && len(r.Failures) == 1 && r.Failures[0] == "signingCredential.untrusted"
}

// script reads a JSON list of assets and prints a JSON list of results.
const script = `
const m = require(process.env.C2PA_NODE);
const fs = require('fs');
(async () => {
  const req = JSON.parse(fs.readFileSync(0, 'utf8'));
  const settings = req.anchors ? JSON.stringify({trust: {user_anchors: req.anchors}, verify: {verify_trust: true}}) : undefined;
  const out = [];
  for (const a of req.assets) {
    const res = {path: a.path, no_manifest: false, error: '', state: '', failures: [], successes: []};
    try {
      let r;
      if (a.sidecar) {
        r = await m.readerFromManifestDataAndAsset(fs.readFileSync(a.sidecar), {path: a.path, mimeType: 'application/octet-stream'}, settings);
      } else {
        r = await m.readerFromAsset({path: a.path}, settings);
      }
      if (!r) { res.no_manifest = true; out.push(res); continue; }
      const j = JSON.parse(m.readerJson.call(r));
      res.state = j.validation_state || '';
      const am = (j.validation_results || {}).activeManifest || {};
      res.failures = (am.failure || []).map(x => x.code);
      res.successes = (am.success || []).map(x => x.code);
      res.manifest = (j.manifests || {})[j.active_manifest] || {};
    } catch (e) {
      res.error = String(e.message || e);
    }
    out.push(res);
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
`

// Module returns the path of the c2pa-node module, failing the test (never
// skipping it) when it or node is missing.
func Module(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not installed: the C2PA reference checks need Node.js 20 or later (run make deps)")
	}
	p := os.Getenv("KINO_C2PA_NODE")
	if p == "" {
		if root, ok := repoRoot(); ok {
			p = filepath.Join(root, ".deps", "c2pa-node", "index.node")
		}
	}
	if st, err := os.Stat(p); err != nil || st.Size() == 0 {
		t.Fatalf("the C2PA reference implementation (c2pa-node) is not at %q: run make deps (packaging/fetch-c2pa-node.sh) or set KINO_C2PA_NODE", p)
	}
	return p
}

func repoRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, true
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", false
		}
		dir = up
	}
}

// Read reads the assets with c2pa-rs. anchors, when not empty, is PEM of
// certificates c2pa-rs should trust (then a valid file is "Trusted").
func Read(t testing.TB, anchors []byte, assets ...Asset) []Result {
	t.Helper()
	mod := Module(t)
	dir := t.TempDir()
	js := filepath.Join(dir, "read.cjs")
	if err := os.WriteFile(js, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	req, _ := json.Marshal(map[string]any{"assets": assets, "anchors": string(anchors)})
	cmd := exec.Command("node", js)
	cmd.Env = append(os.Environ(), "C2PA_NODE="+mod)
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node with c2pa-node: %v\n%s", err, stderr.String())
	}
	var res []Result
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("c2pa-node output: %v\n%s", err, out)
	}
	if len(res) != len(assets) {
		t.Fatalf("c2pa-node read %d of %d files", len(res), len(assets))
	}
	return res
}
