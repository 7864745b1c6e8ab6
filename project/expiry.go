package project

import (
	"strings"
	"time"
)

// ParseExpiryDate reads a consent expiry date typed as YYYY-MM-DD. Consent
// holds through that whole day (UTC), so a date of today is accepted and
// ends tonight; the result is the day's last nanosecond.
func ParseExpiryDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, Errorf(EINVALID, "the expiry date must look like 2027-06-30, not %q", s)
	}
	return t.UTC().Add(24*time.Hour - time.Nanosecond), nil
}
