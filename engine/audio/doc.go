// Package audio is Kino's one home for sound: the PCM and Soundtrack
// types, the four stems, the 48 kHz rate every soundtrack uses, the
// resampler and the conversion to stereo, and the mixer that places takes'
// sound, music and voice-over on a timeline (with two output policies:
// normalise for export, soft-limit for preview). It imports only the
// standard library.
package audio
