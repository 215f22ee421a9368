# bin/: the otasuke front-end
BIN_SRC =
