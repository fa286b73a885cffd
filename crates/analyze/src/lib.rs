//! Analysis of one article, with no I/O: text in, [`saywho_model::Analysis`] out.
