package export

import (
	"fmt"
	"strings"
	"time"

	"kino/project"
)

// checkConsent refuses the export when any cast cameo's consent does not
// allow it (revoked, expired, or for another project) or when a cast
// member has no cameo record to check. The error names every shot and
// cameo at fault, so a person can fix them all at once.
func checkConsent(t *Timeline, now time.Time) error {
	var problems []string
	for _, s := range t.Shots {
		byHandle := make(map[string]*project.Cameo, len(s.Cameos))
		for _, c := range s.Cameos {
			if c != nil {
				byHandle[c.Handle] = c
			}
		}
		for _, m := range s.Shot.Cast {
			c := byHandle[m.Handle]
			if c == nil {
				problems = append(problems, fmt.Sprintf("shot %d casts %s, but its cameo record is missing, so its consent cannot be checked", s.Shot.Number(), m.Handle))
				continue
			}
			if err := c.Consent.Allows(c.Handle, t.ProjectID, now); err != nil {
				problems = append(problems, fmt.Sprintf("shot %d, cameo %s: %s", s.Shot.Number(), c.Handle, project.ErrorMessage(err)))
			}
		}
	}
	switch len(problems) {
	case 0:
		return nil
	case 1:
		return project.Errorf(project.ECONSENT, "export refused: %s", problems[0])
	}
	return project.Errorf(project.ECONSENT, "export refused for %d reasons:\n  %s", len(problems), strings.Join(problems, "\n  "))
}
