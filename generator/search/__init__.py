"""The index phase and the catalog's index: search documents, the segmenter (jieba) and the catalog-wide split index."""
