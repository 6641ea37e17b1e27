//! Explanations: reports rendered as text (being written).
