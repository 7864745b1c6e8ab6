package foley

import (
	"kino/engine/rng"
	"kino/engine/scene"
)

// placeSources are the ambience beds of the places screenplays use most,
// each its own: water lapping and rigging in a harbour, the fridge and
// cups of a kitchen, the murmur and glasses of a bar, an engine in a car,
// wheels on rail joints in a train, monitors in a hospital, an organ in a
// church, drips in a cave. addWind adds to the shared wind layer.
func placeSources(d func(string) *rng.Rand, plan *scene.Plan, day, wet bool, addWind func(float64, windKind)) []source {
	in := indoors(plan)
	var srcs []source
	add := func(s ...source) { srcs = append(srcs, s...) }
	switch plan.Setting {
	case scene.SettingHarbour:
		add(lapping(d("lapping"), 1), clinks(d("rigging"), 1.5, 1, 1800, 3200), drone(d("ship"), 0.4, 40, 1))
		if day && !wet {
			add(gulls(d("gulls"), 0.8))
		} else {
			add(foghorn(d("foghorn"), 0.35))
		}
		addWind(0.3, windOpen)
	case scene.SettingLake:
		add(lapping(d("lapping"), 0.6))
		if day {
			add(birds(d("birds"), 0.8, 0.4))
		} else {
			add(crickets(d("frogs"), 0.3))
		}
		addWind(0.2, windLeaves)
	case scene.SettingCoast:
		add(surf(d("surf"), 1.2))
		if day && !wet {
			add(gulls(d("gulls"), 0.4))
		}
		addWind(0.7, windHowl)
	case scene.SettingKitchen:
		add(roomTone(d("room"), 0.7, false), drone(d("fridge"), 0.25, 100, 0), clinks(d("cups"), 1.6, 2, 2500, 4500))
	case scene.SettingBedroom:
		add(roomTone(d("room"), 0.35, false), traffic(d("traffic"), 0.15))
	case scene.SettingLivingRoom:
		add(roomTone(d("room"), 0.8, false), traffic(d("traffic"), 0.06), spot(d("clock"), scene.SoundTick))
	case scene.SettingBar:
		add(roomTone(d("room"), 0.6, false), crowd(d("crowd"), 0.6, 4), clinks(d("glasses"), 0.8, 1.2, 2500, 4200))
	case scene.SettingCar:
		add(drone(d("engine"), 1, 55, 1.5))
		addWind(0.2, windOpen)
	case scene.SettingRoad:
		add(traffic(d("traffic"), 1.2), drone(d("highway"), 0.5, 30, 3))
		if day {
			add(birds(d("birds"), 0.2, 0.15))
		}
		addWind(0.3, windOpen)
	case scene.SettingTrain:
		if in {
			add(clack(d("clack"), 1, 0.9))
		} else {
			add(clack(d("clack"), 0.8, 0.6))
			addWind(0.3, windOpen)
		}
	case scene.SettingSubway:
		add(clack(d("clack"), 0.9, 0.6), drone(d("motor"), 0.6, 70, 2))
	case scene.SettingAirport:
		if in {
			add(roomTone(d("room"), 0.8, true), crowd(d("crowd"), 0.4, 4), chime(d("chime"), 1), jets(d("jets"), 0.4))
		} else {
			add(jets(d("jets"), 2.2), chime(d("chime"), 0.5))
			addWind(0.3, windOpen)
		}
	case scene.SettingHospital:
		add(roomTone(d("room"), 1, true), beeps(d("monitor"), 3, 1.0, 1000))
	case scene.SettingClassroom:
		add(roomTone(d("room"), 0.8, false), crowd(d("crowd"), 0.45, 6), clinks(d("chalk"), 1.5, 0.6, 1200, 2000))
	case scene.SettingChurch:
		if in {
			add(roomTone(d("room"), 0.4, false), organ(d("organ"), 1))
		} else {
			if day {
				add(birds(d("birds"), 0.5, 0.3))
			}
			addWind(0.3, windOpen)
		}
	case scene.SettingCastle:
		if in {
			add(roomTone(d("room"), 0.5, false), fireSound(d("hearth"), 0.6))
		} else {
			if day {
				add(birds(d("birds"), 0.6, 0.3))
			}
			add(flapping(d("flags"), 1))
			addWind(0.4, windOpen)
		}
	case scene.SettingCave:
		add(drips(d("drips"), 1), drone(d("rumble"), 0.3, 30, 1))
		addWind(0.2, windMuffled)
	case scene.SettingJungle:
		add(birds(d("birds"), 1.4, 1.2), crickets(d("insects"), 0.5))
		addWind(0.2, windLeaves)
	case scene.SettingFarm:
		if in {
			add(roomTone(d("room"), 0.4, false), birds(d("birds"), 0.3, 0.2))
		} else {
			if day {
				add(birds(d("birds"), 0.7, 0.5))
			}
			addWind(0.4, windOpen)
		}
	case scene.SettingWarehouse:
		add(roomTone(d("room"), 0.6, true), drone(d("hall"), 0.5, 50, 2), clinks(d("clanks"), 2, 0.5, 300, 900))
	case scene.SettingRooftop:
		add(traffic(d("traffic"), 0.35), horns(d("horns"), 0.4))
		addWind(0.6, windHowl)
	case scene.SettingBridge:
		add(traffic(d("traffic"), 1), lapping(d("lapping"), 0.7), drone(d("deck"), 0.4, 38, 2))
		addWind(0.5, windOpen)
	}
	return srcs
}
