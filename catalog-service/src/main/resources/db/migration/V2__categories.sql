-- The category tree: a marketplace taxonomy, each node with the platform's commission rate in basis points
-- (800 = 8 %). Ids are fixed (UUID v5 of the slug) so every environment agrees on them.
CREATE TABLE category (
    id                  uuid PRIMARY KEY,
    parent_id           uuid REFERENCES category (id),
    slug                text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name                text NOT NULL,
    -- slugs from the root, '/'-separated: a subtree is every path with this prefix
    path                text NOT NULL UNIQUE,
    commission_rate_bps int  NOT NULL CHECK (commission_rate_bps BETWEEN 0 AND 10000),
    position            int  NOT NULL DEFAULT 0
);

CREATE INDEX category_parent_idx ON category (parent_id, position);

INSERT INTO category (id, parent_id, slug, name, path, commission_rate_bps, position) VALUES
    ('7a5218e7-debb-50ef-b71f-bfee61d23a8b', NULL, 'fashion', 'Fashion', 'fashion', 1200, 0),
    ('5a729ecc-800b-5979-a38b-b8b2efbe9c54', '7a5218e7-debb-50ef-b71f-bfee61d23a8b', 'womens-clothing', 'Women''s clothing', 'fashion/womens-clothing', 1200, 0),
    ('0b3bd352-c514-5798-a2b4-16343fad97fd', '5a729ecc-800b-5979-a38b-b8b2efbe9c54', 'dresses', 'Dresses', 'fashion/womens-clothing/dresses', 1200, 0),
    ('21fa3cf0-de4e-54d2-abff-c60ca3b491d3', '5a729ecc-800b-5979-a38b-b8b2efbe9c54', 'tops', 'Tops', 'fashion/womens-clothing/tops', 1200, 1),
    ('ebe7f88f-b2a1-500f-b523-3fd7a411f403', '7a5218e7-debb-50ef-b71f-bfee61d23a8b', 'mens-clothing', 'Men''s clothing', 'fashion/mens-clothing', 1200, 1),
    ('d44c7992-9e73-5292-a5d1-fd19957b1ad7', 'ebe7f88f-b2a1-500f-b523-3fd7a411f403', 'shirts', 'Shirts', 'fashion/mens-clothing/shirts', 1200, 0),
    ('060f257a-39f4-5c29-ace5-4377a912bd9b', 'ebe7f88f-b2a1-500f-b523-3fd7a411f403', 'jackets', 'Jackets', 'fashion/mens-clothing/jackets', 1200, 1),
    ('b02b692f-1990-5e2c-b6d3-678147fab968', '7a5218e7-debb-50ef-b71f-bfee61d23a8b', 'shoes', 'Shoes', 'fashion/shoes', 1000, 2),
    ('cf70fc11-5a2c-5791-a604-0aa12a753208', 'b02b692f-1990-5e2c-b6d3-678147fab968', 'sneakers', 'Sneakers', 'fashion/shoes/sneakers', 1000, 0),
    ('7aba1fc5-fdc2-5e7f-9a5c-0d4a4c886af1', 'b02b692f-1990-5e2c-b6d3-678147fab968', 'boots', 'Boots', 'fashion/shoes/boots', 1000, 1),
    ('b1e75f3e-6038-5b10-82dd-4a29b445eeab', '7a5218e7-debb-50ef-b71f-bfee61d23a8b', 'accessories', 'Accessories', 'fashion/accessories', 1500, 3),
    ('31fbbe1b-fa2c-50b8-a80c-5fd57b0f88c2', 'b1e75f3e-6038-5b10-82dd-4a29b445eeab', 'bags', 'Bags', 'fashion/accessories/bags', 1500, 0),
    ('1700ef89-4858-5ebc-b615-975ce8b55fad', 'b1e75f3e-6038-5b10-82dd-4a29b445eeab', 'jewelry', 'Jewelry', 'fashion/accessories/jewelry', 1500, 1),
    ('868c6062-cd47-5d6a-a6c9-630bc7b2e4a5', NULL, 'electronics', 'Electronics', 'electronics', 500, 1),
    ('2162433e-5477-5bd0-b795-33ffb0ca443f', '868c6062-cd47-5d6a-a6c9-630bc7b2e4a5', 'phones', 'Phones & accessories', 'electronics/phones', 500, 0),
    ('4a15ac05-14cb-5869-a237-2bb3765661da', '2162433e-5477-5bd0-b795-33ffb0ca443f', 'phone-cases', 'Phone cases', 'electronics/phones/phone-cases', 1000, 0),
    ('6c1796f2-6792-5dac-978b-9ca9b826096a', '2162433e-5477-5bd0-b795-33ffb0ca443f', 'chargers', 'Chargers & cables', 'electronics/phones/chargers', 800, 1),
    ('c7fc5925-e67a-577e-bec2-264aa4bd5792', '868c6062-cd47-5d6a-a6c9-630bc7b2e4a5', 'computers', 'Computers', 'electronics/computers', 400, 1),
    ('178ffcd4-6e08-5ac0-bc84-6aeadefc7257', 'c7fc5925-e67a-577e-bec2-264aa4bd5792', 'laptops', 'Laptops', 'electronics/computers/laptops', 400, 0),
    ('9b97d851-f7e5-58ef-9b77-de116ca70637', 'c7fc5925-e67a-577e-bec2-264aa4bd5792', 'computer-accessories', 'Computer accessories', 'electronics/computers/computer-accessories', 800, 1),
    ('c2f69e2a-f8c6-5f8c-b5a7-9c6617af469d', '868c6062-cd47-5d6a-a6c9-630bc7b2e4a5', 'audio', 'Audio', 'electronics/audio', 600, 2),
    ('36481361-7de4-51b2-a93b-62746c53d8b3', 'c2f69e2a-f8c6-5f8c-b5a7-9c6617af469d', 'headphones', 'Headphones', 'electronics/audio/headphones', 600, 0),
    ('01af0e2e-753a-58e3-91ec-5fe4d336334c', 'c2f69e2a-f8c6-5f8c-b5a7-9c6617af469d', 'speakers', 'Speakers', 'electronics/audio/speakers', 600, 1),
    ('5bb1b793-957c-5a5d-8c8d-377331ec79a6', NULL, 'home-garden', 'Home & garden', 'home-garden', 1000, 2),
    ('7f4bfff1-8528-536e-91c5-f51f3f3f7bf2', '5bb1b793-957c-5a5d-8c8d-377331ec79a6', 'kitchen', 'Kitchen & dining', 'home-garden/kitchen', 1000, 0),
    ('67f5f381-cbf2-53e5-a070-8e21e1ecc382', '7f4bfff1-8528-536e-91c5-f51f3f3f7bf2', 'cookware', 'Cookware', 'home-garden/kitchen/cookware', 1000, 0),
    ('7254c915-beff-5143-a59a-b6a0fde31a3e', '7f4bfff1-8528-536e-91c5-f51f3f3f7bf2', 'tableware', 'Tableware', 'home-garden/kitchen/tableware', 1000, 1),
    ('0ccfad94-9f0c-555d-9421-cd3991c76136', '5bb1b793-957c-5a5d-8c8d-377331ec79a6', 'decor', 'Home decor', 'home-garden/decor', 1200, 1),
    ('39533818-de81-5b3c-bb0d-313af6aa32b6', '0ccfad94-9f0c-555d-9421-cd3991c76136', 'candles', 'Candles', 'home-garden/decor/candles', 1200, 0),
    ('deb3e84d-0436-5b58-84ce-402c6d748d0c', '0ccfad94-9f0c-555d-9421-cd3991c76136', 'wall-art', 'Wall art', 'home-garden/decor/wall-art', 1200, 1),
    ('39f86596-8ccb-564d-b6eb-088ac430e6ae', '5bb1b793-957c-5a5d-8c8d-377331ec79a6', 'garden', 'Garden', 'home-garden/garden', 900, 2),
    ('ffa042a4-760f-5d15-9a32-ea288dcf76a3', NULL, 'beauty', 'Beauty & personal care', 'beauty', 1000, 3),
    ('4f7340ca-ca0d-568d-add0-cd4622c494de', 'ffa042a4-760f-5d15-9a32-ea288dcf76a3', 'skincare', 'Skincare', 'beauty/skincare', 1000, 0),
    ('3960b137-872c-5622-801f-5fae81c56a6d', 'ffa042a4-760f-5d15-9a32-ea288dcf76a3', 'makeup', 'Makeup', 'beauty/makeup', 1000, 1),
    ('3f32f443-f18e-5d25-bdf1-259c077cfa85', 'ffa042a4-760f-5d15-9a32-ea288dcf76a3', 'fragrance', 'Fragrance', 'beauty/fragrance', 1000, 2),
    ('fff3cd00-5b48-5ca1-8090-ab5b4a841c04', NULL, 'sports', 'Sports & outdoors', 'sports', 800, 4),
    ('45a9fd07-2207-5b32-8394-076c31edc761', 'fff3cd00-5b48-5ca1-8090-ab5b4a841c04', 'fitness', 'Fitness', 'sports/fitness', 800, 0),
    ('dbd628b8-4943-5f5e-bd0e-0938f7fc90a4', 'fff3cd00-5b48-5ca1-8090-ab5b4a841c04', 'camping', 'Camping & hiking', 'sports/camping', 800, 1),
    ('3efe5a92-1c34-5a6c-9ad1-53bfc161f75a', 'fff3cd00-5b48-5ca1-8090-ab5b4a841c04', 'cycling', 'Cycling', 'sports/cycling', 800, 2),
    ('1e57baf2-d516-572b-9007-913060ce2bc1', NULL, 'toys', 'Toys & games', 'toys', 800, 5),
    ('d6342f3f-8d88-56df-98f8-5166998cd932', '1e57baf2-d516-572b-9007-913060ce2bc1', 'board-games', 'Board games', 'toys/board-games', 800, 0),
    ('9ca46a52-6099-5029-a109-8cb99bb2f05d', '1e57baf2-d516-572b-9007-913060ce2bc1', 'puzzles', 'Puzzles', 'toys/puzzles', 800, 1),
    ('14ec570f-4aed-5951-8c21-9db46d1ccd18', NULL, 'books', 'Books', 'books', 800, 6);
