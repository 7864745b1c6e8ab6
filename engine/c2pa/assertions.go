package c2pa

// Assertion labels.
const (
	LabelActions    = "c2pa.actions.v2"
	LabelIngredient = "c2pa.ingredient.v3"
	LabelDataHash   = "c2pa.hash.data"
	LabelBMFFHash   = "c2pa.hash.bmff.v3"
	// LabelFilm is Kino's own assertion: how each shot was made (Film).
	LabelFilm = "org.kino.film"
)

// Actions (C2PA 2.x, 18.15.4).
const (
	ActionCreated = "c2pa.created"
	ActionEdited  = "c2pa.edited"
)

// IPTC digital source types.
const (
	// SourceTrainedAlgorithmic is media made by a trained model (a neural
	// model pack).
	SourceTrainedAlgorithmic = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
	// SourceAlgorithmic is media made by an algorithm without training
	// data (the procedural previz engine, placeholder slates).
	SourceAlgorithmic = "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia"
	// SourceCompositeTrained is a composite that includes trained
	// algorithmic media: a film mixing neural and procedural shots.
	SourceCompositeTrained = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"
)

// Ingredient relationships.
const (
	RelationComponentOf = "componentOf" // part of the asset (a music clip in the mix)
	RelationInputTo     = "inputTo"     // an input to a generator (a reference image)
)

// hashedURI is a C2PA hashed-uri-map: a reference to a box by its JUMBF
// URI and the hash of its contents.
type hashedURI struct {
	URL  string `cbor:"url"`
	Alg  string `cbor:"alg,omitempty"`
	Hash []byte `cbor:"hash"`
}

// generatorInfo is a C2PA generator-info-map.
type generatorInfo struct {
	Name    string `cbor:"name"`
	Version string `cbor:"version,omitempty"`
}

type actionsAssertion struct {
	Actions []actionEntry `cbor:"actions"`
}

type actionEntry struct {
	Action            string         `cbor:"action"`
	DigitalSourceType string         `cbor:"digitalSourceType,omitempty"`
	SoftwareAgent     *generatorInfo `cbor:"softwareAgent,omitempty"`
	Description       string         `cbor:"description,omitempty"`
	Parameters        *actionParams  `cbor:"parameters,omitempty"`
}

type actionParams struct {
	Ingredients []hashedURI `cbor:"ingredients,omitempty"`
	Description string      `cbor:"description,omitempty"`
}

type ingredientAssertion struct {
	Title        string `cbor:"dc:title,omitempty"`
	Format       string `cbor:"dc:format,omitempty"`
	Relationship string `cbor:"relationship"`
	InstanceID   string `cbor:"instanceID,omitempty"`
	Description  string `cbor:"description,omitempty"`
}

type dataHashAssertion struct {
	Exclusions []hashRange `cbor:"exclusions,omitempty"`
	Name       string      `cbor:"name,omitempty"`
	Alg        string      `cbor:"alg,omitempty"`
	Hash       []byte      `cbor:"hash"`
	Pad        []byte      `cbor:"pad"`
}

// hashRange is a byte range left out of a data hash.
type hashRange struct {
	Start  uint64 `cbor:"start"`
	Length uint64 `cbor:"length"`
}

type bmffHashAssertion struct {
	Exclusions []bmffExclusion `cbor:"exclusions"`
	Alg        string          `cbor:"alg,omitempty"`
	Hash       []byte          `cbor:"hash,omitempty"`
	Name       string          `cbor:"name,omitempty"`
	Merkle     []any           `cbor:"merkle,omitempty"`
}

type bmffExclusion struct {
	XPath   string       `cbor:"xpath"`
	Length  *uint64      `cbor:"length,omitempty"`
	Data    []bmffData   `cbor:"data,omitempty"`
	Subset  []bmffSubset `cbor:"subset,omitempty"`
	Version *uint8       `cbor:"version,omitempty"`
	Flags   []byte       `cbor:"flags,omitempty"`
	Exact   *bool        `cbor:"exact,omitempty"`
}

type bmffData struct {
	Offset uint64 `cbor:"offset"`
	Value  []byte `cbor:"value"`
}

type bmffSubset struct {
	Offset uint64 `cbor:"offset"`
	Length uint64 `cbor:"length"`
}

// Film is Kino's own assertion (LabelFilm): what the file holds and how
// each shot in it was made. The export fills it; Verify reads it back.
type Film struct {
	Title string `cbor:"title,omitempty" json:"title,omitempty"`
	// Role says what the file holds: "film", "mix", "dialogue", "shot 3",
	// "frame 12", "storyboard", "hand-off".
	Role string `cbor:"role,omitempty" json:"role,omitempty"`
	// VisibleWatermark is whether the frames carry the visible
	// "AI-generated · Kino" label (nil for files without pictures).
	VisibleWatermark *bool  `cbor:"visible_watermark,omitempty" json:"visible_watermark,omitempty"`
	Rate             string `cbor:"rate,omitempty" json:"rate,omitempty"`
	Frames           int64  `cbor:"frames,omitempty" json:"frames,omitempty"`
	Shots            []Shot `cbor:"shots" json:"shots"`
	Audio            []Clip `cbor:"audio,omitempty" json:"audio,omitempty"`
}

// Shot is how one shot was made.
type Shot struct {
	Number int    `cbor:"number" json:"number"`
	Start  int64  `cbor:"start_frame" json:"start_frame"`
	Frames int64  `cbor:"frames" json:"frames"`
	Prompt string `cbor:"prompt" json:"prompt"`
	// NegativePrompt is what the shot asked the engine to avoid.
	NegativePrompt string `cbor:"negative_prompt,omitempty" json:"negative_prompt,omitempty"`
	// DigitalSourceType is SourceTrainedAlgorithmic for a neural model
	// pack, SourceAlgorithmic for the procedural engine and slates.
	DigitalSourceType string `cbor:"digital_source_type" json:"digital_source_type"`
	Backend           string `cbor:"backend" json:"backend"`
	Model             string `cbor:"model,omitempty" json:"model,omitempty"`
	ModelHash         string `cbor:"model_hash,omitempty" json:"model_hash,omitempty"`
	Seed              uint64 `cbor:"seed" json:"seed"`
	TakeID            int64  `cbor:"take_id,omitempty" json:"take_id,omitempty"`
	// Placeholder is set when the shot was not generated and a slate
	// stands in for it.
	Placeholder bool    `cbor:"placeholder,omitempty" json:"placeholder,omitempty"`
	Cameos      []Cameo `cbor:"cameos,omitempty" json:"cameos,omitempty"`
}

// Cameo is a person depicted in a shot and the consent that allowed it.
// The export fills every field; ConsentSignature says whether the consent
// record's signature verified ("verified", "does not verify", "unsigned").
type Cameo struct {
	Handle           string `cbor:"handle" json:"handle"`
	Name             string `cbor:"name" json:"name"`
	Role             string `cbor:"role,omitempty" json:"role,omitempty"`
	ConsentOwner     string `cbor:"consent_owner" json:"consent_owner"`
	ConsentRecordID  string `cbor:"consent_record_id" json:"consent_record_id"`
	ConsentSignature string `cbor:"consent_signature" json:"consent_signature"`
	// ImageSHA256 is the hash of the reference image (an ingredient).
	ImageSHA256 string `cbor:"image_sha256,omitempty" json:"image_sha256,omitempty"`
}

// Clip is a music or voice-over clip mixed into the sound.
type Clip struct {
	Name   string `cbor:"name" json:"name"`
	Lane   string `cbor:"lane" json:"lane"`
	SHA256 string `cbor:"sha256" json:"sha256"`
	Start  int64  `cbor:"start_frame" json:"start_frame"`
}
