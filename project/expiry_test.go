package project

import (
	"testing"
	"time"
)

func TestExpiryDateTodayIsValidUntilTonight(t *testing.T) {
	now := time.Now().UTC()
	exp, err := ParseExpiryDate(now.Format("2006-01-02"))
	if err != nil {
		t.Fatal(err)
	}
	c := Consent{Owner: "Ana", Scope: ConsentAnyProject, GrantedAt: now, Expires: exp}
	if err := c.Validate(); err != nil {
		t.Fatalf("consent expiring today: %v", err)
	}
	if err := c.Allows("@ana", "p", now); err != nil {
		t.Fatalf("consent expiring today is not valid now: %v", err)
	}
	if exp.Format("2006-01-02") != now.Format("2006-01-02") {
		t.Fatalf("expiry %v is not on the day given", exp)
	}
	if err := c.Allows("@ana", "p", exp.Add(time.Nanosecond)); err == nil {
		t.Fatal("consent still valid the next day")
	}
	y, _ := ParseExpiryDate(now.AddDate(0, 0, -1).Format("2006-01-02"))
	c.Expires = y
	if err := c.Validate(); err == nil {
		t.Fatal("an expiry of yesterday was accepted")
	}
	if _, err := ParseExpiryDate("30.06.2027"); ErrorCode(err) != EINVALID {
		t.Fatalf("bad date: %v", err)
	}
}
