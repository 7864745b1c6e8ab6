package foley

import (
	"kino/engine/rng"
	"kino/engine/scene"
)

// setting classes.

// indoors reports whether the scene is under a roof: what the plan says
// for settings drawn both ways, the setting's own nature otherwise.
func indoors(p *scene.Plan) bool {
	if p.Setting.HasInside() {
		return p.Indoors
	}
	return p.Setting.Indoors()
}

func sealed(s scene.Setting) bool {
	return s == scene.SettingSpace || s == scene.SettingUnderwater
}

func daylight(t scene.TimeOfDay) bool { return t != scene.Night && t != scene.Dusk }

// ambienceSources picks the ambience layers for a plan: the setting's bed,
// then the weather on top. Each layer has its own rng stream.
func ambienceSources(seed uint64, plan *scene.Plan) []source {
	d := func(name string) *rng.Rand { return rng.Derive(seed, "foley/ambience/"+name) }
	var srcs []source
	windLevel, windSort := 0.0, windOpen
	addWind := func(level float64, kind windKind) {
		windLevel += level
		if kind > windSort {
			windSort = kind
		}
	}
	day := daylight(plan.Time)
	wet := plan.Weather == scene.Rain || plan.Weather == scene.Storm
	switch plan.Setting {
	case scene.SettingBeach:
		srcs = append(srcs, surf(d("surf"), 1))
		if day && !wet {
			srcs = append(srcs, gulls(d("gulls"), 0.5))
		}
		addWind(0.3, windOpen)
	case scene.SettingCity:
		srcs = append(srcs, traffic(d("traffic"), 1), horns(d("horns"), 0.6), crowd(d("crowd"), 0.35, 3))
	case scene.SettingForest:
		addWind(0.35, windLeaves)
		if day {
			srcs = append(srcs, birds(d("birds"), 1, 0.7))
		}
	case scene.SettingPark:
		addWind(0.25, windLeaves)
		srcs = append(srcs, traffic(d("traffic"), 0.25))
		if day {
			srcs = append(srcs, birds(d("birds"), 0.7, 0.35))
		}
	case scene.SettingField:
		addWind(0.5, windOpen)
		if day {
			srcs = append(srcs, birds(d("birds"), 0.4, 0.2))
		}
	case scene.SettingMountains:
		addWind(1, windHowl)
	case scene.SettingDesert:
		addWind(0.8, windDry)
	case scene.SettingSnow:
		addWind(0.6, windMuffled)
	case scene.SettingInterior:
		srcs = append(srcs, roomTone(d("room"), 1, false))
	case scene.SettingOffice:
		srcs = append(srcs, roomTone(d("room"), 1, true), typing(d("typing"), 0.5))
	case scene.SettingStage:
		srcs = append(srcs, roomTone(d("room"), 0.6, false), crowd(d("crowd"), 1, 5))
	case scene.SettingSpace:
		srcs = append(srcs, spaceDrone(d("drone"), 1))
	case scene.SettingUnderwater:
		srcs = append(srcs, underwater(d("underwater"), 1), bubbles(d("bubbles"), 0.6, 1.5))
	default:
		srcs = append(srcs, placeSources(d, plan, day, wet, addWind)...)
	}
	if plan.Has(scene.Wind) && !sealed(plan.Setting) {
		addWind(0.9, windHowl)
	}
	outdoor := !indoors(plan) && !sealed(plan.Setting)
	if outdoor && !day && !wet && plan.Weather != scene.Snow && plan.Setting != scene.SettingCity &&
		plan.Setting != scene.SettingMountains && plan.Setting != scene.SettingRooftop && plan.Setting != scene.SettingRoad &&
		plan.Setting != scene.SettingBridge {
		srcs = append(srcs, crickets(d("crickets"), 0.6))
	}
	if !sealed(plan.Setting) {
		switch plan.Weather {
		case scene.Rain:
			srcs = append(srcs, rain(d("rain"), 1, 1, !outdoor))
		case scene.Storm:
			srcs = append(srcs, rain(d("rain"), 1.5, 2.2, !outdoor))
			if outdoor {
				addWind(0.7, windHowl)
			}
		case scene.Snow:
			if outdoor {
				addWind(0.3, windMuffled)
			}
		case scene.Clouds:
			if outdoor {
				addWind(0.15, windOpen)
			}
		case scene.Fog:
			if plan.Setting == scene.SettingBeach || plan.Setting == scene.SettingCity || plan.Setting == scene.SettingCoast {
				srcs = append(srcs, foghorn(d("foghorn"), 0.5))
			}
		}
	}
	if windLevel > 0 {
		srcs = append(srcs, wind(d("wind"), min(windLevel, 1.6), windSort))
	}
	return srcs
}
