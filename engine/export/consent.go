package export

import (
	"fmt"
	"strings"

	"kino/project"
)

// checkConsent applies the consent verdicts of t's shots (ShotMedia.Consent:
// the one consent rule, judged when the timeline was loaded). A shot whose
// shown take depicts a cameo whose consent does not allow this use
// (revoked, expired, another project, a record that does not verify) is
// withheld: with skip set it becomes a labelled placeholder, and
// otherwise the export is refused with the list of shots, so a person can
// fix them all at once.
func checkConsent(t *Timeline, skip bool) (*Timeline, error) {
	var problems []string
	c := *t
	c.Shots = append([]ShotMedia(nil), t.Shots...)
	for i := range c.Shots {
		s := &c.Shots[i]
		refused := s.refused()
		if len(refused) == 0 {
			continue
		}
		why := project.WithheldSummary(refused)
		if skip {
			s.Clip = NewWithheldPlaceholder(s.Shot, why, t.Width, t.Height, t.Rate)
			s.Placeholder, s.Take, s.Withheld = true, nil, why
			continue
		}
		what := "shot %d"
		if s.Take != nil {
			what = fmt.Sprintf("shot %%d (take %d)", s.Take.ID)
		}
		problems = append(problems, fmt.Sprintf(what+" is withheld: %s (%s)", s.Shot.Number(), why, detail(refused)))
	}
	const fix = "regenerate those shots without the cameo, choose another take, or export with the withheld shots as placeholders (--skip-withheld)"
	switch len(problems) {
	case 0:
		return &c, nil
	case 1:
		return nil, project.Errorf(project.ECONSENT, "export refused: %s; %s", problems[0], fix)
	}
	return nil, project.Errorf(project.ECONSENT, "export refused: %d shots are withheld:\n  %s\n%s", len(problems), strings.Join(problems, "\n  "), fix)
}

// detail is the verdicts' messages joined.
func detail(vs []project.ConsentVerdict) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = project.ErrorMessage(v.Err)
	}
	return strings.Join(parts, "; ")
}
