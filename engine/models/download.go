package models

import (
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"kino/project"
)

// Download limits: a listing is JSON of at most listLimit bytes per page
// and maxFiles files in all.
const (
	listLimit = 32 << 20
	maxFiles  = 10000
	maxPages  = 1000
)

// skipSuffixes are weight formats Kino cannot run, left out of downloads
// (a repository often holds PyTorch weights beside its ONNX export).
var skipSuffixes = []string{".safetensors", ".bin", ".ckpt", ".pt", ".pth", ".msgpack", ".h5", ".gguf"}

// DownloadOptions tune Download.
type DownloadOptions struct {
	// Name is the folder name to install as ("": the repository's or the
	// sub-folder's name).
	Name string
	// Client makes the requests (nil: http.DefaultClient).
	Client *http.Client
	// Progress receives progress reports.
	Progress func(Progress)
	// Finders check the download before it is moved into place.
	Finders []Finder
}

// Source is a model repository on a server with the Hugging Face layout,
// as a URL names it: https://HOST/ORG/REPO[/tree/REVISION[/FOLDER]].
type Source struct {
	Base     string // scheme://host
	Repo     string // ORG/REPO (or REPO)
	Revision string // "main" when the URL names none
	Folder   string // a sub-folder of the repository ("" for all of it)
}

// ParseSource reads a repository URL.
func ParseSource(raw string) (Source, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Source{}, project.Errorf(project.EINVALID, "%q is not an http(s) URL of a model repository (such as https://huggingface.co/ORG/REPO)", raw)
	}
	var segs []string
	for _, s := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	src := Source{Base: u.Scheme + "://" + u.Host, Revision: "main"}
	n := len(segs)
	switch {
	case n == 0:
		return Source{}, project.Errorf(project.EINVALID, "%s names no repository (want %s/ORG/REPO)", raw, src.Base)
	case n >= 2 && (segs[1] == "tree" || segs[1] == "resolve"):
		src.Repo, segs = segs[0], segs[2:]
	case n >= 3 && (segs[2] == "tree" || segs[2] == "resolve"):
		src.Repo, segs = segs[0]+"/"+segs[1], segs[3:]
	case n <= 2:
		src.Repo, segs = strings.Join(segs, "/"), nil
	default:
		return Source{}, project.Errorf(project.EINVALID, "%s is not ORG/REPO or ORG/REPO/tree/REVISION/FOLDER", raw)
	}
	if len(segs) > 0 {
		src.Revision = segs[0]
		src.Folder = strings.Join(segs[1:], "/")
	}
	for _, s := range append(strings.Split(src.Repo, "/"), strings.Split(src.Folder, "/")...) {
		if s == ".." || s == "." {
			return Source{}, project.Errorf(project.EINVALID, "%s: %q in a repository path", raw, s)
		}
	}
	return src, nil
}

// name is the default folder name: the sub-folder's or the repository's.
func (s Source) name() string {
	if s.Folder != "" {
		return path.Base(s.Folder)
	}
	return path.Base(s.Repo)
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// remoteFile is one file of a repository listing.
type remoteFile struct {
	Type string `json:"type"`
	Path string `json:"path"`
	Size int64  `json:"size"`
	OID  string `json:"oid"`
	LFS  *struct {
		OID  string `json:"oid"`
		Size int64  `json:"size"`
	} `json:"lfs"`
}

// checksum is a file's expected hash: SHA-256 of its bytes (Git LFS
// files) or Git's blob SHA-1 (other files), "" when the server gave none.
func (f remoteFile) checksum() (algo, sum string) {
	if f.LFS != nil && isHex(f.LFS.OID, 64) {
		return "sha256", strings.ToLower(f.LFS.OID)
	}
	if isHex(f.OID, 40) {
		return "git-sha1", strings.ToLower(f.OID)
	}
	return "", ""
}

func (f remoteFile) size() int64 {
	if f.LFS != nil && f.LFS.Size > 0 {
		return f.LFS.Size
	}
	return f.Size
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// Download installs the model repository at rawURL into dir: it lists the
// repository's files (ONNX exports and their configs; PyTorch weights are
// left out), downloads each into a hidden staging folder, resuming what an
// earlier run left there, checks each file's size and hash where the
// server gives one (a file that fails is removed), checks the whole with
// the finders and renames it into place. When ctx ends the staging folder
// stays, hidden, for the next run to resume.
func Download(ctx context.Context, rawURL, dir string, opt DownloadOptions) (Entry, error) {
	src, err := ParseSource(rawURL)
	if err != nil {
		return Entry{}, err
	}
	name := opt.Name
	if name == "" {
		name = src.name()
	}
	if err := checkTarget(dir, name); err != nil {
		return Entry{}, err
	}
	client := opt.Client
	if client == nil {
		client = http.DefaultClient
	}
	if opt.Progress != nil {
		opt.Progress(Progress{Stage: "list", ETA: -1})
	}
	list, err := listFiles(ctx, client, src)
	if err != nil {
		return Entry{}, err
	}
	stage := stagingDir(dir, name)
	if err := os.MkdirAll(stage, 0o755); err != nil {
		return Entry{}, err
	}
	var total, have int64
	for _, f := range list {
		total += f.size()
		have += stagedBytes(filepath.Join(stage, filepath.FromSlash(f.rel)), f.size())
	}
	m := newMeter(opt.Progress, "download", total, have)
	for _, f := range list {
		if err := fetchFile(ctx, client, src, f, stage, m); err != nil {
			return Entry{}, err
		}
	}
	m.add("", 0, true)
	if opt.Progress != nil {
		opt.Progress(Progress{Stage: "check", Done: total, Total: total, ETA: -1})
	}
	if err := finish(ctx, stage, dir, name, opt.Finders); err != nil {
		if ctx.Err() == nil {
			os.RemoveAll(stage) // complete but unusable: nothing to resume
		}
		return Entry{}, err
	}
	return checkInstalled(ctx, dir, name, opt.Finders)
}

// listedFile is a file to download, with its path inside the model folder.
type listedFile struct {
	remoteFile
	rel string
}

// listFiles asks the server for the repository's files (following the
// listing's pages) and keeps those Kino installs.
func listFiles(ctx context.Context, client *http.Client, src Source) ([]listedFile, error) {
	next := src.Base + "/api/models/" + escapePath(src.Repo) + "/tree/" + url.PathEscape(src.Revision)
	if src.Folder != "" {
		next += "/" + escapePath(src.Folder)
	}
	next += "?recursive=true"
	var out []listedFile
	for page := 0; next != ""; page++ {
		if page >= maxPages {
			return nil, fmt.Errorf("listing %s: more than %d pages", src.Repo, maxPages)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, next, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", src.Repo, err)
		}
		var items []remoteFile
		err = func() error {
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("listing %s: the server answered %s", src.Repo, resp.Status)
			}
			dec := json.NewDecoder(io.LimitReader(resp.Body, listLimit))
			if err := dec.Decode(&items); err != nil {
				return fmt.Errorf("listing %s: not a file list: %w", src.Repo, err)
			}
			return nil
		}()
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if it.Type != "file" {
				continue
			}
			rel, ok := relPath(it.Path, src.Folder)
			if !ok || skipped(rel) {
				continue
			}
			if it.size() < 0 {
				return nil, fmt.Errorf("listing %s: %s has size %d", src.Repo, it.Path, it.size())
			}
			out = append(out, listedFile{it, rel})
			if len(out) > maxFiles {
				return nil, fmt.Errorf("listing %s: more than %d files", src.Repo, maxFiles)
			}
		}
		next = nextLink(resp.Header.Get("Link"), src.Base)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w", src.Repo, errNoFiles)
	}
	return out, nil
}

// relPath returns p relative to folder, refusing anything that could
// leave the staging folder.
func relPath(p, folder string) (string, bool) {
	if folder != "" {
		if !strings.HasPrefix(p, folder+"/") {
			return "", false
		}
		p = strings.TrimPrefix(p, folder+"/")
	}
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
		return "", false
	}
	for _, s := range strings.Split(p, "/") {
		if s == "" || s == "." || s == ".." {
			return "", false
		}
	}
	return p, true
}

func skipped(rel string) bool {
	base := path.Base(rel)
	if strings.HasPrefix(base, ".") {
		return true // .gitattributes and the like
	}
	low := strings.ToLower(rel)
	for _, s := range skipSuffixes {
		if strings.HasSuffix(low, s) {
			return true
		}
	}
	return false
}

// nextLink returns the rel="next" URL of a Link header, on the same server.
func nextLink(h, base string) string {
	for _, part := range strings.Split(h, ",") {
		seg := strings.Split(part, ";")
		if len(seg) < 2 || !strings.Contains(strings.Join(seg[1:], ";"), `rel="next"`) {
			continue
		}
		u := strings.Trim(strings.TrimSpace(seg[0]), "<>")
		if strings.HasPrefix(u, "/") {
			u = base + u
		}
		if strings.HasPrefix(u, base+"/") {
			return u
		}
	}
	return ""
}

// stagedBytes returns how many bytes of a file are already staged.
func stagedBytes(dst string, size int64) int64 {
	if fi, err := os.Stat(dst); err == nil && fi.Size() == size {
		return size
	}
	if fi, err := os.Stat(dst + ".part"); err == nil && fi.Size() <= size {
		return fi.Size()
	}
	return 0
}

// fetchFile downloads one file into the staging folder: resuming its
// ".part" with a range request, checking size and hash, and renaming it to
// its name only when whole. A file already there under its name was
// checked by an earlier run.
func fetchFile(ctx context.Context, client *http.Client, src Source, f listedFile, stage string, m *meter) error {
	dst := filepath.Join(stage, filepath.FromSlash(f.rel))
	size := f.size()
	if fi, err := os.Stat(dst); err == nil && fi.Size() == size {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	part := dst + ".part"
	out, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	defer out.Close()
	algo, want := f.checksum()
	h := newHash(algo, size)
	off, err := resumeFrom(out, h, size)
	if err != nil {
		return fmt.Errorf("resuming %s: %w", f.rel, err)
	}
	if off < size || size == 0 {
		fileURL := src.Base + "/" + escapePath(src.Repo) + "/resolve/" + url.PathEscape(src.Revision) + "/" + escapePath(f.Path)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, fileURL, nil)
		if err != nil {
			return err
		}
		if off > 0 {
			req.Header.Set("Range", "bytes="+strconv.FormatInt(off, 10)+"-")
		}
		resp, err := client.Do(req)
		if err != nil {
			return fmt.Errorf("downloading %s: %w", f.rel, err)
		}
		defer resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusPartialContent && off > 0:
		case resp.StatusCode == http.StatusOK:
			if off > 0 { // the server ignored the range: start over
				m.add(f.rel, -off, false)
				off = 0
				h = newHash(algo, size)
				if err := out.Truncate(0); err != nil {
					return err
				}
			}
		default:
			return fmt.Errorf("downloading %s: the server answered %s", f.rel, resp.Status)
		}
		if algo == "" {
			if sum := strings.Trim(resp.Header.Get("X-Linked-Etag"), `"`); isHex(sum, 64) && off == 0 {
				algo, want, h = "sha256", strings.ToLower(sum), newHash("sha256", size)
			}
		}
		if _, err := out.Seek(off, io.SeekStart); err != nil {
			return err
		}
		body := io.LimitReader(resp.Body, size-off+1) // one more byte tells a too-long answer
		var w io.Writer = out
		if h != nil {
			w = io.MultiWriter(out, h)
		}
		n, err := io.CopyBuffer(w, &ctxReader{ctx: ctx, r: body, counted: func(n int64) { m.add(f.rel, n, false) }}, make([]byte, 1<<20))
		off += n
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			return fmt.Errorf("downloading %s: broke off after %d of %d bytes (run the same command again to resume): %w", f.rel, off, size, err)
		}
	}
	if off != size {
		out.Close()
		os.Remove(part)
		if off > size {
			return fmt.Errorf("downloading %s: the server sent more than the %d bytes it listed; removed", f.rel, size)
		}
		return fmt.Errorf("downloading %s: broke off after %d of %d bytes (run the same command again to resume)", f.rel, off, size)
	}
	if h != nil {
		if got := hex.EncodeToString(h.Sum(nil)); got != want {
			out.Close()
			os.Remove(part)
			return project.Errorf(project.EINVALID, "downloading %s: its %s is %s but the server lists %s: the file is corrupted and was removed (run the same command again to download it anew)", f.rel, algo, got, want)
		}
	}
	if err := out.Sync(); err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(part, dst)
}

// newHash returns the hash of a checksum algorithm (nil for none). Git's
// blob hash covers a "blob SIZE\0" header before the bytes.
func newHash(algo string, size int64) hash.Hash {
	switch algo {
	case "sha256":
		return sha256.New()
	case "git-sha1":
		h := sha1.New()
		fmt.Fprintf(h, "blob %d\x00", size)
		return h
	}
	return nil
}

// resumeFrom hashes what a ".part" file already holds and returns its
// length; a part longer than the file is started over.
func resumeFrom(f *os.File, h hash.Hash, size int64) (int64, error) {
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	n := fi.Size()
	if n > size {
		if err := f.Truncate(0); err != nil {
			return 0, err
		}
		return 0, nil
	}
	if h != nil && n > 0 {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return 0, err
		}
		if _, err := io.CopyN(h, f, n); err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
	}
	return n, nil
}
