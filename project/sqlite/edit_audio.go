package sqlite

import (
	"kino/project"
)

// addAudioClip places a clip on the timeline; its blob must be stored.
func (et *editTx) addAudioClip(e project.AddAudioClip) (project.Edit, int64, error) {
	c := e.Clip
	c.ID = 0
	id, err := et.insertClip(&c)
	if err != nil {
		return nil, 0, err
	}
	return project.DeleteAudioClip{ClipID: id}, id, nil
}

// restoreAudioClip puts a deleted clip back under its old ID.
func (et *editTx) restoreAudioClip(e project.RestoreAudioClip) (project.Edit, int64, error) {
	c := e.Clip
	if c.ID <= 0 {
		return nil, 0, project.Errorf(project.EINVALID, "an audio clip to restore needs its old ID")
	}
	id, err := et.insertClip(&c)
	if err != nil {
		return nil, 0, err
	}
	return project.DeleteAudioClip{ClipID: id}, id, nil
}

func (et *editTx) insertClip(c *project.AudioClip) (int64, error) {
	proj, err := et.project()
	if err != nil {
		return 0, err
	}
	if err := c.Validate(proj.Rate); err != nil {
		return 0, err
	}
	if err := et.p.media.ensureAsset(et.ctx, et.tx, c.Asset); err != nil {
		return 0, err
	}
	return insertClip(et.ctx, et.tx, c, et.now)
}

// updateAudioClip changes a clip's name, lane, start or gain (not its
// asset).
func (et *editTx) updateAudioClip(e project.UpdateAudioClip) (project.Edit, int64, error) {
	proj, err := et.project()
	if err != nil {
		return nil, 0, err
	}
	old, err := loadClip(et.ctx, et.tx, e.Clip.ID)
	if err != nil {
		return nil, 0, err
	}
	c := e.Clip
	c.Asset = old.Asset
	if err := c.Validate(proj.Rate); err != nil {
		return nil, 0, err
	}
	if err := updateClipRow(et.ctx, et.tx, &c); err != nil {
		return nil, 0, err
	}
	return project.UpdateAudioClip{Clip: *old}, 0, nil
}

// deleteAudioClip removes a clip; its blob stays for undo.
func (et *editTx) deleteAudioClip(e project.DeleteAudioClip) (project.Edit, int64, error) {
	old, err := loadClip(et.ctx, et.tx, e.ClipID)
	if err != nil {
		return nil, 0, err
	}
	if err := deleteClipRow(et.ctx, et.tx, old.ID); err != nil {
		return nil, 0, err
	}
	return project.RestoreAudioClip{Clip: *old}, 0, nil
}
