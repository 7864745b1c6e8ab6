// Package modelstest serves a folder over HTTP in the Hugging Face
// repository layout, for tests of model downloads: a file listing
// (/api/models/REPO/tree/REV[/FOLDER]?recursive=true, paginated), each
// file at /REPO/resolve/REV/PATH with range requests, Git LFS SHA-256
// checksums for large files and Git blob SHA-1s for small ones, and
// faults on demand (a connection cut after some bytes, a corrupted byte).
package modelstest

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// LFSThreshold is the size from which files are listed as Git LFS files
// (with a SHA-256), as the Hub stores large files.
const LFSThreshold = 10 << 10

// Server serves Root as the repository Repo (revision "main").
type Server struct {
	*httptest.Server
	Root string
	Repo string
	// PageSize is how many entries a listing page holds (0: all).
	PageSize int

	mu       sync.Mutex
	cutAfter map[string]int64
	corrupt  map[string]bool
	ranges   []string // "path@offset" of every file request
	extra    []map[string]any
}

// New starts a server on 127.0.0.1 serving root as repo.
func New(root, repo string) *Server {
	s := &Server{Root: root, Repo: repo, cutAfter: map[string]int64{}, corrupt: map[string]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL returns the repository's URL (optionally of a sub-folder).
func (s *Server) RepoURL(folder string) string {
	u := s.Server.URL + "/" + s.Repo
	if folder != "" {
		u += "/tree/main/" + folder
	}
	return u
}

// CutAfter makes the next request for file p send only n bytes of its
// answer and then drop the connection.
func (s *Server) CutAfter(p string, n int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cutAfter[p] = n
}

// Corrupt makes every answer for file p flip one byte (its listed
// checksum stays that of the true file).
func (s *Server) Corrupt(p string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.corrupt[p] = on
}

// ListExtra adds a raw entry to listings (a hostile path, say).
func (s *Server) ListExtra(entry map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.extra = append(s.extra, entry)
}

// Requests returns "path@offset" for every file request so far.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.ranges...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	tree := "/api/models/" + s.Repo + "/tree/main"
	resolve := "/" + s.Repo + "/resolve/main/"
	switch {
	case p == tree || strings.HasPrefix(p, tree+"/"):
		s.list(w, r, strings.TrimPrefix(strings.TrimPrefix(p, tree), "/"))
	case strings.HasPrefix(p, resolve):
		s.file(w, r, strings.TrimPrefix(p, resolve))
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) list(w http.ResponseWriter, r *http.Request, folder string) {
	var entries []map[string]any
	base := filepath.Join(s.Root, filepath.FromSlash(folder))
	err := filepath.WalkDir(base, func(fp string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.Root, fp)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if d.IsDir() {
			entries = append(entries, map[string]any{"type": "directory", "path": rel, "size": 0, "oid": strings.Repeat("0", 40)})
			return nil
		}
		data, err := os.ReadFile(fp)
		if err != nil {
			return err
		}
		blob := sha1.New()
		fmt.Fprintf(blob, "blob %d\x00", len(data))
		blob.Write(data)
		e := map[string]any{"type": "file", "path": rel, "size": len(data), "oid": hex.EncodeToString(blob.Sum(nil))}
		if len(data) >= LFSThreshold {
			sum := sha256.Sum256(data)
			e["lfs"] = map[string]any{"oid": hex.EncodeToString(sum[:]), "size": len(data), "pointerSize": 134}
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	entries = append(entries, s.extra...)
	s.mu.Unlock()
	sort.SliceStable(entries, func(i, j int) bool { return fmt.Sprint(entries[i]["path"]) < fmt.Sprint(entries[j]["path"]) })
	start, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
	end := len(entries)
	if s.PageSize > 0 && start+s.PageSize < end {
		end = start + s.PageSize
		next := fmt.Sprintf("%s?recursive=true&cursor=%d", r.URL.Path, end)
		w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="next"`, next))
	}
	if start > len(entries) {
		start = len(entries)
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(entries[start:end])
}

func (s *Server) file(w http.ResponseWriter, r *http.Request, p string) {
	clean := path.Clean(p)
	if clean != p || strings.HasPrefix(clean, "..") {
		http.NotFound(w, r)
		return
	}
	data, err := os.ReadFile(filepath.Join(s.Root, filepath.FromSlash(p)))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	off := int64(0)
	if rg := r.Header.Get("Range"); strings.HasPrefix(rg, "bytes=") {
		off, _ = strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(rg, "bytes="), "-"), 10, 64)
	}
	s.mu.Lock()
	s.ranges = append(s.ranges, fmt.Sprintf("%s@%d", p, off))
	cut, hasCut := s.cutAfter[p]
	delete(s.cutAfter, p)
	bad := s.corrupt[p]
	s.mu.Unlock()
	if bad && len(data) > 0 {
		data = bytes.Clone(data)
		data[len(data)/2] ^= 0xff
	}
	if !hasCut {
		http.ServeContent(w, r, path.Base(p), time.Time{}, bytes.NewReader(data))
		return
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	rest := data[off:]
	w.Header().Set("Content-Length", strconv.Itoa(len(rest)))
	if off > 0 {
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", off, len(data)-1, len(data)))
		w.WriteHeader(http.StatusPartialContent)
	}
	w.Write(rest[:min(cut, int64(len(rest)))])
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	panic(http.ErrAbortHandler) // drop the connection mid-answer
}
