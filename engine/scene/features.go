package scene

import "kino/project"

// Constructors for the word lists.

func setting(s Setting) feature       { return feature{kind: fSetting, val: string(s)} }
func weakSetting(s Setting) feature   { return feature{kind: fSetting, val: string(s), weak: true} }
func timeOf(t TimeOfDay) feature      { return feature{kind: fTime, val: string(t)} }
func weakTime(t TimeOfDay) feature    { return feature{kind: fTime, val: string(t), weak: true} }
func weather(w Weather) feature       { return feature{kind: fWeather, val: string(w)} }
func effect(e Effect) feature         { return feature{kind: fEffect, val: string(e)} }
func action(a Action) feature         { return feature{kind: fAction, val: string(a)} }
func drink(d string) feature          { return feature{kind: fDrink, val: d} }
func size(s project.ShotSize) feature { return feature{kind: fSize, val: string(s)} }
func move(m project.CameraMove) feature {
	return feature{kind: fMove, val: string(m)}
}
func style(s project.Style) feature { return feature{kind: fStyle, val: string(s)} }
func mood(m Mood) feature           { return feature{kind: fMood, val: string(m)} }
func count(n int) feature           { return feature{kind: fCount, n: n} }
func special(name string) feature   { return feature{kind: fSpecial, val: name} }

// hint leans the mood towards m without naming it outright.
func hint(m Mood) feature { return feature{kind: fMood, val: string(m), weak: true} }

// person is a generic person; n is how many one mention means ("crowd": 12).
func person(name string, n int) feature {
	return feature{kind: fSubject, val: name, sk: KindPerson, n: n}
}

func animal(name string) feature { return feature{kind: fSubject, val: name, sk: KindAnimal, n: 1} }

func prop(name string, flags uint8) feature {
	return feature{kind: fSubject, val: name, sk: KindProp, n: 1, flag: flags}
}

// withAction is the action a person word brings along ("dancer" dances).
func withAction(a Action) feature { return feature{kind: fAction, val: string(a), flag: flagAction} }

// moveBase is a camera move that takes a direction ("pan" + "left").
func moveBase(base string) feature { return feature{kind: fMove, val: base} }

var (
	selfF  = feature{kind: fSelf}
	mySelf = feature{kind: fSelf, flag: flagPoss}
	negF   = feature{kind: fNeg}
	breakF = feature{kind: fBreak}
	holdF  = feature{kind: fHold}
	possF  = feature{kind: fPoss}
)

// pron is a pronoun: it means the people just named, or, with nobody
// named yet, a new person called name ("she" → a woman; "" for none).
func pron(name string) feature { return feature{kind: fPron, val: name} }

func fs(f ...feature) []feature { return f }

// indoors says a scene is inside (INT.) or out (EXT.).
func indoors(in bool) feature {
	if in {
		return feature{kind: fIndoor, val: "in"}
	}
	return feature{kind: fIndoor, val: "out"}
}

func colour(c string) feature  { return feature{kind: fColor, val: c} }
func age(years int) feature    { return feature{kind: fAge, n: years} }
func wear(what string) feature { return feature{kind: fWear, val: what} }

func sound(s Sound) feature    { return feature{kind: fSound, val: string(s)} }
func part(name string) feature { return feature{kind: fPart, val: name} }
