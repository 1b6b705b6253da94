package attribution

// MaxEmbedFiles is maxEmbedFiles, for the external tests.
const MaxEmbedFiles = maxEmbedFiles
