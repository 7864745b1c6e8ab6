// Package scene reads a shot's prompt into a scene plan (setting, time of
// day, weather, subjects, actions, effects, camera, style, mood) in English
// and German, and schedules the picture events (firework bursts, lightning)
// that both the picture and the sound of a previz clip follow.
package scene

import (
	"kino/engine"
	"kino/project"
)

// Setting is where a scene takes place.
type Setting string

// Settings.
const (
	SettingField      Setting = "field" // the default: open grassland
	SettingBeach      Setting = "beach"
	SettingCity       Setting = "city"
	SettingForest     Setting = "forest"
	SettingMountains  Setting = "mountains"
	SettingDesert     Setting = "desert"
	SettingSnow       Setting = "snow"
	SettingPark       Setting = "park"
	SettingInterior   Setting = "interior"
	SettingOffice     Setting = "office"
	SettingStage      Setting = "stage"
	SettingSpace      Setting = "space"
	SettingUnderwater Setting = "underwater"

	// The common places of screenplays.
	SettingHarbour    Setting = "harbour" // a port: quays, moored boats, cranes
	SettingLake       Setting = "lake"    // a lake or river with a far shore
	SettingCoast      Setting = "coast"   // cliffs over the sea, a lighthouse
	SettingKitchen    Setting = "kitchen"
	SettingBedroom    Setting = "bedroom"
	SettingLivingRoom Setting = "living-room"
	SettingBar        Setting = "bar" // bars, pubs, restaurants, cafés
	SettingCar        Setting = "car" // inside a car, the road ahead
	SettingRoad       Setting = "road"
	SettingTrain      Setting = "train"
	SettingSubway     Setting = "subway"
	SettingAirport    Setting = "airport"
	SettingHospital   Setting = "hospital"
	SettingClassroom  Setting = "classroom"
	SettingChurch     Setting = "church"
	SettingCastle     Setting = "castle"
	SettingCave       Setting = "cave"
	SettingJungle     Setting = "jungle"
	SettingFarm       Setting = "farm"
	SettingWarehouse  Setting = "warehouse" // warehouses and factories
	SettingRooftop    Setting = "rooftop"
	SettingBridge     Setting = "bridge"
)

// Settings lists every setting, the default first.
var Settings = []Setting{
	SettingField, SettingBeach, SettingCity, SettingForest, SettingMountains, SettingDesert, SettingSnow,
	SettingPark, SettingInterior, SettingOffice, SettingStage, SettingSpace, SettingUnderwater,
	SettingHarbour, SettingLake, SettingCoast, SettingKitchen, SettingBedroom, SettingLivingRoom, SettingBar,
	SettingCar, SettingRoad, SettingTrain, SettingSubway, SettingAirport, SettingHospital, SettingClassroom,
	SettingChurch, SettingCastle, SettingCave, SettingJungle, SettingFarm, SettingWarehouse, SettingRooftop,
	SettingBridge,
}

// Indoors reports whether s is a place under a roof when a scene heading
// does not say (INT. or EXT.).
func (s Setting) Indoors() bool {
	switch s {
	case SettingInterior, SettingOffice, SettingStage, SettingKitchen, SettingBedroom, SettingLivingRoom,
		SettingBar, SettingCar, SettingTrain, SettingSubway, SettingHospital, SettingClassroom, SettingChurch,
		SettingCave, SettingWarehouse:
		return true
	}
	return false
}

// HasInside reports whether s is drawn both from inside and from outside,
// as the scene heading says: a castle's hall or its walls, a church's nave
// or its tower, a train's carriage or the train on its tracks, an
// airport's terminal or its apron, a farm's barn or its yard.
func (s Setting) HasInside() bool {
	switch s {
	case SettingCastle, SettingChurch, SettingTrain, SettingAirport, SettingFarm:
		return true
	}
	return false
}

// TimeOfDay sets the light.
type TimeOfDay string

// Times of day.
const (
	Dawn       TimeOfDay = "dawn"
	Day        TimeOfDay = "day"
	GoldenHour TimeOfDay = "golden-hour" // sunset and sunrise light
	Dusk       TimeOfDay = "dusk"
	Night      TimeOfDay = "night"
)

// Weather is the sky's state.
type Weather string

// Weathers.
const (
	Clear  Weather = "clear"
	Clouds Weather = "clouds"
	Rain   Weather = "rain"
	Snow   Weather = "snow"
	Fog    Weather = "fog"
	Storm  Weather = "storm" // rain with lightning
)

// Action is what subjects do.
type Action string

// Actions.
const (
	Stand Action = "stand"
	Walk  Action = "walk"
	Run   Action = "run"
	Dance Action = "dance"
	Wave  Action = "wave"
	Talk  Action = "talk"
	Sit   Action = "sit"
	Work  Action = "work" // hands busy: cooking, writing, digging, eating
	Lie   Action = "lie"  // lying down, asleep
	Fight Action = "fight"
	Fly   Action = "fly" // in the air: birds, planes, a superhero
)

// Effect is a particle or light effect.
type Effect string

// Effects.
const (
	Fireworks Effect = "fireworks"
	Confetti  Effect = "confetti"
	Sparks    Effect = "sparks"
	Stars     Effect = "stars"
	Bubbles   Effect = "bubbles"
	Lightning Effect = "lightning"
	Fire      Effect = "fire"  // flames: a blaze, a burning house, a hearth
	Smoke     Effect = "smoke" // smoke, steam or dust rising
	Wind      Effect = "wind"  // a gale: leaves and dust blow past, things sway
)

// Sound is a spot sound the prompt names ("a dog barks", "sirens wail"),
// heard over the ambience.
type Sound string

// Sounds.
const (
	SoundBell     Sound = "bell"
	SoundRing     Sound = "ring" // a telephone or doorbell
	SoundHorn     Sound = "horn"
	SoundSiren    Sound = "siren"
	SoundAlarm    Sound = "alarm"
	SoundBark     Sound = "bark"
	SoundHowl     Sound = "howl"
	SoundEngine   Sound = "engine"
	SoundKnock    Sound = "knock" // knocks, bangs, slams
	SoundWhistle  Sound = "whistle"
	SoundCrash    Sound = "crash" // breaking glass, a crash, an explosion
	SoundCreak    Sound = "creak"
	SoundTick     Sound = "tick"
	SoundApplause Sound = "applause"
	SoundGunshot  Sound = "gunshot"
	SoundBeep     Sound = "beep"
	SoundSplash   Sound = "splash"
)

// AllSounds lists every spot sound.
var AllSounds = []Sound{SoundBell, SoundRing, SoundHorn, SoundSiren, SoundAlarm, SoundBark, SoundHowl, SoundEngine,
	SoundKnock, SoundWhistle, SoundCrash, SoundCreak, SoundTick, SoundApplause, SoundGunshot, SoundBeep, SoundSplash}

// Mood picks the music bed.
type Mood string

// Moods.
const (
	Calm       Mood = "calm"
	Romantic   Mood = "romantic"
	Festive    Mood = "festive"
	Tense      Mood = "tense"
	Epic       Mood = "epic"
	Playful    Mood = "playful"
	Melancholy Mood = "melancholy"
)

// SubjectKind is what a subject is.
type SubjectKind string

// Subject kinds.
const (
	KindCameo  SubjectKind = "cameo"  // a cast cameo, drawn from its reference image
	KindPerson SubjectKind = "person" // a generic person, drawn as a stylised figure
	KindAnimal SubjectKind = "animal"
	KindProp   SubjectKind = "prop"
)

// Subject is someone or something in the scene.
type Subject struct {
	Kind SubjectKind `json:"kind"`
	// Name is the canonical English noun: "person", "dog", "glass", "car",
	// "boat"... For cameos it is the cameo's display name.
	Name string `json:"name"`
	// Handle is the cast cameo's handle, for KindCameo.
	Handle string `json:"handle,omitempty"`
	// Count is how many (at least 1).
	Count int `json:"count"`
	// Action is what the subject does (Stand when the prompt says nothing).
	Action Action `json:"action"`
	// HeldBy is the index of the subject holding this prop, or -1.
	HeldBy int `json:"held_by"`
	// Detail refines Name where the prompt said more: what a glass holds
	// ("champagne", "wine", "beer", "cocktail"). Empty when it did not.
	Detail string `json:"detail,omitempty"`
	// Color is the colour the prompt gave it ("red", "schwarz" → "black"):
	// a person's clothes, an animal's coat, a prop's paint. Empty when
	// none was given.
	Color string `json:"color,omitempty"`
	// Age is a person's age in years when the prompt says ("an old man"
	// 70, "MARTHA, 60s" 65, "a teenager" 16); 0 when it does not.
	Age int `json:"age,omitempty"`
	// Wears lists what a person was said to wear: "dress", "coat",
	// "suit", "hat", "clothes".
	Wears []string `json:"wears,omitempty"`
}

// Plan is everything the previz renderer draws and sounds. Every field is
// resolved: no "auto" values remain.
type Plan struct {
	Setting Setting `json:"setting"`
	// Indoors is whether the scene is inside (INT.) or out (EXT.): what a
	// scene heading or "inside" / "outside" says for a setting drawn both
	// ways, otherwise the setting's own.
	Indoors  bool      `json:"indoors"`
	Time     TimeOfDay `json:"time"`
	Weather  Weather   `json:"weather"`
	Subjects []Subject `json:"subjects"`
	Effects  []Effect  `json:"effects"`
	// Sounds are the spot sounds named, in the order named.
	Sounds []Sound        `json:"sounds"`
	Camera project.Camera `json:"camera"` // Size and Move are never empty
	Style  project.Style  `json:"style"`  // "" means natural colour
	Mood   Mood           `json:"mood"`
	// Language is the prompt's detected language: "en" or "de".
	Language string `json:"language"`
	// Used and Ignored tell the UI which words were understood.
	Used    []engine.Term `json:"used"`
	Ignored []string      `json:"ignored"`

	// usedSpans are the byte ranges of the prompt's used terms, in text
	// order (for measuring coverage).
	usedSpans [][2]int
}

// Has reports whether the plan includes effect e.
func (p *Plan) Has(e Effect) bool {
	for _, x := range p.Effects {
		if x == e {
			return true
		}
	}
	return false
}

// EventKind is a timed picture event that also makes a sound.
type EventKind string

// Event kinds.
const (
	EventFireworkBurst EventKind = "firework-burst"
	EventLightning     EventKind = "lightning"
)

// Event is something that happens at a frame: a firework shell bursting or
// a lightning strike. The picture draws it from Frame on; the sound plays
// its report delayed by Distance at the speed of sound.
type Event struct {
	Kind  EventKind `json:"kind"`
	Frame int       `json:"frame"`
	// X and Y place the event in the frame, 0..1 from the top left, before
	// camera motion.
	X float64 `json:"x"`
	Y float64 `json:"y"`
	// Distance from the camera in metres (fireworks 200..1500, lightning
	// 500..5000).
	Distance float64 `json:"distance"`
	// Size scales the burst or bolt (about 0.5..1.5).
	Size float64 `json:"size"`
	// Hue is the burst's colour on the colour wheel, 0..360.
	Hue float64 `json:"hue"`
}

// SpeedOfSound in air, metres per second, used to delay event sounds.
const SpeedOfSound = 343.0
