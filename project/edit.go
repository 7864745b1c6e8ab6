package project

// Edit is one change a person makes to a project. A store applies each edit
// in one transaction and keeps its inverse, so every kind of edit can be
// undone and redone. Edits are plain data.
type Edit interface {
	// Label names the edit for menus, e.g. "Move Shot".
	Label() string
}

// UpdateProject replaces the project's settings (title, rate, resolution,
// seed policy, engine).
type UpdateProject struct{ Project Project }

// AddShot inserts a shot at Index (or at the end when Index is out of range).
type AddShot struct {
	Shot  Shot
	Index int
	// Duplicate marks a copy of an existing shot ("Duplicate Shot" in Undo).
	Duplicate bool
}

// UpdateShot replaces a shot's editable fields (prompt, negative prompt,
// duration, seed, camera, style, strength, cast, dialogue). Cast changes are checked
// against each cameo's consent.
type UpdateShot struct{ Shot Shot }

// MoveShot moves a shot to a new 0-based position.
type MoveShot struct {
	ShotID int64
	Index  int
}

// DeleteShot removes a shot with its takes.
type DeleteShot struct{ ShotID int64 }

// RestoreShot puts back a deleted shot with its takes, under its old ID.
// It is the inverse of DeleteShot and the redo of AddShot.
type RestoreShot struct {
	Shot  Shot
	Takes []Take
}

// CastCameo casts a cameo in a shot. The project keeps a snapshot of the
// cameo so the project folder stays complete on another machine.
type CastCameo struct {
	ShotID int64
	Cameo  Cameo
	Role   string
}

// UncastCameo removes a cameo from a shot's cast, with its dialogue lines.
type UncastCameo struct {
	ShotID int64
	Handle string
}

// SetActiveTake makes a take the one a shot shows (0 for none).
type SetActiveTake struct {
	ShotID int64
	TakeID int64
}

// SetFavourite stars or un-stars a take.
type SetFavourite struct {
	TakeID    int64
	Favourite bool
}

// DeleteTake removes a take from its shot. Its media stay in the project
// until the media are collected, so undo brings the take back whole.
type DeleteTake struct{ TakeID int64 }

// DeleteTakes removes several takes at once (for example the takes a
// shot's revoked cameo withholds). With Purge set their media are also
// removed from disk when the project closes, unless the edit is undone
// first: the right of the person depicted to have them removed.
type DeleteTakes struct {
	TakeIDs []int64
	Purge   bool
}

// RestoreTake puts back a deleted take under its old ID.
type RestoreTake struct {
	Take      Take
	WasActive bool
}

// AddAudioClip places a music or voice-over clip on the timeline.
type AddAudioClip struct{ Clip AudioClip }

// UpdateAudioClip changes a clip's name, lane, start or gain.
type UpdateAudioClip struct{ Clip AudioClip }

// DeleteAudioClip removes a clip from the timeline.
type DeleteAudioClip struct{ ClipID int64 }

// RestoreAudioClip puts back a deleted clip under its old ID.
type RestoreAudioClip struct{ Clip AudioClip }

// UpdateCameoSnapshot refreshes the project's copy of a cameo (for example
// after its consent was revoked in the library).
type UpdateCameoSnapshot struct{ Cameo Cameo }

// Labels.
func (UpdateProject) Label() string       { return "Project Settings" }
func (UpdateShot) Label() string          { return "Edit Shot" }
func (MoveShot) Label() string            { return "Move Shot" }
func (DeleteShot) Label() string          { return "Delete Shot" }
func (RestoreShot) Label() string         { return "Restore Shot" }
func (CastCameo) Label() string           { return "Cast Cameo" }
func (UncastCameo) Label() string         { return "Remove From Cast" }
func (SetActiveTake) Label() string       { return "Choose Take" }
func (SetFavourite) Label() string        { return "Star Take" }
func (DeleteTake) Label() string          { return "Delete Take" }
func (DeleteTakes) Label() string         { return "Delete Takes" }
func (RestoreTake) Label() string         { return "Restore Take" }
func (AddAudioClip) Label() string        { return "Add Audio" }
func (UpdateAudioClip) Label() string     { return "Edit Audio" }
func (DeleteAudioClip) Label() string     { return "Delete Audio" }
func (RestoreAudioClip) Label() string    { return "Restore Audio" }
func (UpdateCameoSnapshot) Label() string { return "Update Cameo" }

// Label is "Duplicate Shot" for a copy of a shot, else "Add Shot".
func (e AddShot) Label() string {
	if e.Duplicate {
		return "Duplicate Shot"
	}
	return "Add Shot"
}
