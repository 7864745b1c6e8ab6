// Package media stores finished takes as project media and reads them back
// with random access: frames as an MJPEG stream (a plain concatenation of
// baseline JPEG images, which ffmpeg reads as "-f mjpeg") and sound as a
// WAV file. It also has the small helpers the timeline needs: thumbnails
// and waveform peaks. It uses only the standard library.
package media
