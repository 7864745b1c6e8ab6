package project

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Delivery is how a line is spoken, from a script's parenthetical such as
// "(whispering)". The speech engine supports these four; the empty value
// speaks the line plainly.
type Delivery string

// Deliveries.
const (
	DeliveryPlain   Delivery = ""
	DeliveryWhisper Delivery = "whisper"
	DeliveryShout   Delivery = "shout"
	DeliverySlow    Delivery = "slow"
	DeliveryFast    Delivery = "fast"
)

// Deliveries lists the explicit deliveries in display order.
var Deliveries = []Delivery{DeliveryWhisper, DeliveryShout, DeliverySlow, DeliveryFast}

// Validate reports whether d is a known delivery.
func (d Delivery) Validate() error {
	if d != DeliveryPlain && !contains(Deliveries, d) {
		return Errorf(EINVALID, "delivery %q is not one of %v", d, Deliveries)
	}
	return nil
}

// MaxCharacterName is the longest name of an uncast character speaking
// with the narrator voice.
const MaxCharacterName = MaxRoleLength

// validateNarrator checks the speaker of a narrator line: a character's
// name as the script writes it, not a handle.
func validateNarrator(name string) error {
	if strings.TrimSpace(name) == "" {
		return Errorf(EINVALID, "a line spoken by the narrator voice needs the character's name")
	}
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > MaxCharacterName {
		return Errorf(EINVALID, "character name %q must be UTF-8 and at most %d characters", name, MaxCharacterName)
	}
	if strings.HasPrefix(name, "@") {
		return Errorf(EINVALID, "character name %q starts with @, which marks a cast cameo's handle", name)
	}
	if name != strings.TrimSpace(name) || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return Errorf(EINVALID, "character name %q has line breaks or surrounding spaces", name)
	}
	return nil
}
