"""Knowledge distillation with soft targets (Hinton et al.), Lakeside reference script."""
