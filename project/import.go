package project

// MaxImportShots is the most shots one import adds.
const MaxImportShots = 20000

// ImportShots adds the shots made from a script at Index (the end when out
// of range), in order, as one edit: one transaction, one step of undo. It
// stores a snapshot of each cameo in Cameos (the library cameos the shots
// cast, whose consent must allow this project and whose images must
// already be in the project's media) before the shots.
type ImportShots struct {
	Shots  []Shot
	Index  int
	Cameos []Cameo
}

// Label implements Edit.
func (ImportShots) Label() string { return "Import Script" }
