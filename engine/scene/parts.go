package scene

// Shows reports whether the picture of setting s (inside when indoors)
// shows part, a piece of scenery a prompt may name: "water", "sea",
// "waves", "sky", "window", "door", "wall", "floor", "ceiling", "street",
// "trees", "grass", "sand", "rocks", "buildings", "lights". The previz
// renderer draws each part in these settings.
func Shows(s Setting, indoors bool, part string) bool {
	switch part {
	case "water":
		return oneOf(s, SettingBeach, SettingHarbour, SettingLake, SettingCoast, SettingBridge, SettingUnderwater)
	case "sea", "waves":
		return oneOf(s, SettingBeach, SettingHarbour, SettingCoast)
	case "sky":
		return !indoors || oneOf(s, SettingCar, SettingTrain, SettingInterior, SettingKitchen, SettingBedroom,
			SettingLivingRoom, SettingBar, SettingOffice, SettingHospital, SettingClassroom, SettingAirport)
	case "window":
		return indoors && s != SettingCave && s != SettingStage || oneOf(s, SettingCity, SettingRooftop)
	case "door", "wall", "floor", "ceiling":
		return indoors && s != SettingCave && s != SettingCar || part == "wall" && oneOf(s, SettingCastle, SettingHarbour)
	case "street":
		return oneOf(s, SettingCity, SettingRoad, SettingBridge, SettingCar)
	case "trees":
		return !indoors && oneOf(s, SettingForest, SettingPark, SettingField, SettingJungle, SettingFarm, SettingLake,
			SettingMountains, SettingSnow, SettingRoad, SettingCastle)
	case "grass":
		return !indoors && oneOf(s, SettingField, SettingPark, SettingFarm, SettingCastle, SettingRoad, SettingLake)
	case "sand":
		return oneOf(s, SettingBeach, SettingDesert)
	case "rocks":
		return oneOf(s, SettingCoast, SettingMountains, SettingDesert, SettingCave, SettingBeach, SettingSpace)
	case "buildings":
		return oneOf(s, SettingCity, SettingHarbour, SettingRooftop, SettingBridge)
	case "lights":
		return oneOf(s, SettingCity, SettingStage, SettingHarbour, SettingBridge, SettingRooftop, SettingRoad) || indoors && s != SettingCave
	}
	return false
}

func oneOf(s Setting, set ...Setting) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}
