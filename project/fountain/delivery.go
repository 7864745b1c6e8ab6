package fountain

import (
	"strings"
	"unicode"

	"kino/project"
)

// deliveryWords map words of a parenthetical, in English and German, to
// the speech setting they ask for. Other parentheticals ("to Tom",
// "beat") set nothing.
var deliveryWords = map[string]project.Delivery{
	"whisper": project.DeliveryWhisper, "whispers": project.DeliveryWhisper, "whispering": project.DeliveryWhisper,
	"whispered": project.DeliveryWhisper, "sotto": project.DeliveryWhisper, "flüsternd": project.DeliveryWhisper,
	"flüstert": project.DeliveryWhisper, "geflüstert": project.DeliveryWhisper, "flüsterton": project.DeliveryWhisper,
	"shout": project.DeliveryShout, "shouts": project.DeliveryShout, "shouting": project.DeliveryShout,
	"shouted": project.DeliveryShout, "yell": project.DeliveryShout, "yells": project.DeliveryShout,
	"yelling": project.DeliveryShout, "scream": project.DeliveryShout, "screams": project.DeliveryShout,
	"screaming": project.DeliveryShout, "loud": project.DeliveryShout, "louder": project.DeliveryShout,
	"loudly": project.DeliveryShout, "schreiend": project.DeliveryShout, "schreit": project.DeliveryShout,
	"brüllend": project.DeliveryShout, "brüllt": project.DeliveryShout, "laut": project.DeliveryShout,
	"lauter": project.DeliveryShout, "ruft": project.DeliveryShout, "rufend": project.DeliveryShout,
	"slowly": project.DeliverySlow, "slow": project.DeliverySlow, "haltingly": project.DeliverySlow,
	"langsam": project.DeliverySlow, "zögernd": project.DeliverySlow, "stockend": project.DeliverySlow,
	"quickly": project.DeliveryFast, "fast": project.DeliveryFast, "rapidly": project.DeliveryFast,
	"hurriedly": project.DeliveryFast, "schnell": project.DeliveryFast, "hastig": project.DeliveryFast,
}

// deliveryNames are the parentheticals Write uses for each delivery, in
// English and German.
var deliveryNames = map[string]map[project.Delivery]string{
	English: {project.DeliveryWhisper: "whispering", project.DeliveryShout: "shouting",
		project.DeliverySlow: "slowly", project.DeliveryFast: "quickly"},
	German: {project.DeliveryWhisper: "flüsternd", project.DeliveryShout: "schreiend",
		project.DeliverySlow: "langsam", project.DeliveryFast: "schnell"},
}

// deliveryOf returns the speech setting a parenthetical asks for: that of
// its first word that names one.
func deliveryOf(paren string) project.Delivery {
	for _, w := range strings.FieldsFunc(strings.ToLower(paren), func(r rune) bool {
		return !unicode.IsLetter(r)
	}) {
		if d, ok := deliveryWords[w]; ok {
			return d
		}
	}
	return project.DeliveryPlain
}
