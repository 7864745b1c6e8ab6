package app

import (
	"sort"
	"strings"

	"kino/engine"
	"kino/engine/previz"
)

// backends returns the engines this build can generate with, by name.
func backends() map[string]engine.Backend {
	pv := previz.New()
	return map[string]engine.Backend{pv.Name(): pv}
}

// backendNamed returns the named backend or a usage error listing the choices.
func backendNamed(name string) (engine.Backend, error) {
	all := backends()
	if b, ok := all[name]; ok {
		return b, nil
	}
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	return nil, usagef("--backend %q is not one of: %s", name, strings.Join(names, ", "))
}
