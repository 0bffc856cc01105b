module ctrstore.dev/regexcorpus

go 1.19
